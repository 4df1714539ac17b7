package io.strata.alerting;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The current state of one alert (a rule and a group), as the scheduler keeps it in {@code
 * alert_states}; read here for the API and changed by an ack. {@code value} is the value that
 * caused the current state, {@code lastValue} the latest evaluation's.
 */
@Entity
@Table(name = "alert_states")
public class Alert extends PanacheEntityBase {

  @Id
  @Column(length = 64)
  public String fingerprint;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(name = "rule_id", nullable = false, length = 40)
  public String ruleId;

  @Column(name = "group_values", nullable = false, columnDefinition = "text")
  public String groupValues;

  @Column(nullable = false, length = 16)
  public String state;

  @Column(nullable = false)
  public Instant since;

  public Long value;

  @Column(name = "last_value")
  public Long lastValue;

  @Column(name = "ack_by")
  public String ackBy;

  @Column(name = "ack_at")
  public Instant ackAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** What the alert's receivers were last told: firing, resolved or error; null: nothing. */
  @Column(length = 16)
  public String notified;

  @Column(name = "notified_at")
  public Instant notifiedAt;
}
