package io.strata.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A request to erase a data subject's events (GDPR Art. 17), and once done, its receipt. The states
 * are those of {@link ErasureState}.
 */
@Entity
@Table(name = "erasures")
public class Erasure extends PanacheEntityBase {

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(nullable = false, columnDefinition = "text")
  public String query;

  @Column(name = "from_time", nullable = false)
  public Instant from;

  @Column(name = "to_time", nullable = false)
  public Instant to;

  @Column(nullable = false, columnDefinition = "text")
  public String reason;

  @Column(nullable = false, length = 16)
  public String state;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "requested_by")
  public String requestedBy;

  /** The end of the cancel window: the erasure runs from then on. */
  @Column(name = "not_before", nullable = false)
  public Instant notBefore;

  @Column(name = "cancelled_at")
  public Instant cancelledAt;

  @Column(name = "cancelled_by")
  public String cancelledBy;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  /** Why it is blocked (the holds) or failed; null otherwise. */
  @Column(columnDefinition = "text")
  public String detail;

  /** The receipt (JSON) once completed. */
  @Column(columnDefinition = "text")
  public String receipt;

  @Column(name = "receipt_hash", length = 64)
  public String receiptHash;
}
