package io.strata.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A legal hold of a tenant: while it is not released, every index holding events that match {@code
 * query} within {@code [from, to]} is kept past its retention, and no erasure touches those events.
 */
@Entity
@Table(name = "legal_holds")
public class LegalHold extends PanacheEntityBase {

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(nullable = false)
  public String name;

  @Column(name = "case_ref")
  public String caseRef;

  @Column(nullable = false, columnDefinition = "text")
  public String query;

  /** Start of the range; null: from the first event. */
  @Column(name = "from_time")
  public Instant from;

  /** End of the range; null: open, so events still to come are held too. */
  @Column(name = "to_time")
  public Instant to;

  @Column(columnDefinition = "text")
  public String reason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "released_at")
  public Instant releasedAt;

  @Column(name = "released_by")
  public String releasedBy;
}
