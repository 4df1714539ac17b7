package io.strata.tenancy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer of the platform: its events, keys and policies are kept apart from every other's. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

  @Id
  @Column(length = 63)
  public String id;

  @Column(nullable = false)
  public String name;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Events per second this tenant may ingest (a burst of two seconds' worth); null: no limit. */
  @Column(name = "max_events_per_second")
  public Integer maxEventsPerSecond;

  /** The longest any of this tenant's events may be kept, set by the operator; null: no maximum. */
  @Column(name = "max_retention_days")
  public Integer maxRetentionDays;

  /** Partitions of the event topic this tenant's events are spread over (see ShuffleShard). */
  @Column(nullable = false)
  public int partitions = 1;
}
