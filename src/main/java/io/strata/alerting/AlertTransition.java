package io.strata.alerting;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One change of an alert's state, with the value that caused it: written by the scheduler in the
 * evaluation's transaction, or by an ack in the ack's.
 */
@Entity
@Table(name = "alert_transitions")
public class AlertTransition extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(name = "rule_id", nullable = false, length = 40)
  public String ruleId;

  @Column(nullable = false, length = 64)
  public String fingerprint;

  @Column(name = "group_values", nullable = false, columnDefinition = "text")
  public String groupValues;

  @Column(name = "from_state", nullable = false, length = 16)
  public String fromState;

  @Column(name = "to_state", nullable = false, length = 16)
  public String toState;

  public Long value;

  @Column(name = "evaluated_at", nullable = false)
  public Instant evaluatedAt;

  public String actor;

  @Column(columnDefinition = "text")
  public String detail;
}
