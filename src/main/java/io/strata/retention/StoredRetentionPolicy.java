package io.strata.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's retention policy as kept in PostgreSQL; the streams are a JSON array. */
@Entity
@Table(name = "retention_policies")
public class StoredRetentionPolicy extends PanacheEntityBase {

  @Id
  @Column(length = 63)
  public String tenant;

  @Column(name = "default_days", nullable = false)
  public int defaultDays;

  @Column(nullable = false, length = 16)
  public String profile;

  @Column(name = "max_days")
  public Integer maxDays;

  @Column(nullable = false, columnDefinition = "text")
  public String streams;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
