package io.strata.parsing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** A parsing rule of one tenant, as stored; {@link ParsingRuleChecks} has the limits. */
@Entity
@Table(name = "parsing_rules", uniqueConstraints = @UniqueConstraint(
    name = "parsing_rules_tenant_name", columnNames = {"tenant", "name"}))
public class ParsingRule extends PanacheEntityBase {

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(nullable = false, length = ParsingRuleChecks.MAX_NAME)
  public String name;

  /** A search query picking the events the rule runs on; empty for every event. */
  @Column(nullable = false, columnDefinition = "text")
  public String selector;

  @Column(nullable = false, columnDefinition = "text")
  public String pattern;

  @Column(name = "time_format", length = RuleTime.MAX_FORMAT)
  public String timeFormat;

  @Column(nullable = false)
  public int priority;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
