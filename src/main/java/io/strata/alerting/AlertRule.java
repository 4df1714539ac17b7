package io.strata.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert rule of one tenant, as stored: durations in seconds, lists and labels as JSON texts (the
 * rule is always read whole, never queried by them). {@link AlertRuleRules} has the limits.
 */
@Entity
@Table(name = "alert_rules", uniqueConstraints = @UniqueConstraint(
    name = "alert_rules_tenant_name", columnNames = {"tenant", "name"}))
public class AlertRule extends PanacheEntityBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> LABELS =
      new TypeReference<>() {};

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(nullable = false, length = AlertRuleRules.MAX_NAME)
  public String name;

  @Column(nullable = false, columnDefinition = "text")
  public String query;

  /** {@code threshold} or {@code no_data}. */
  @Column(nullable = false, length = 16)
  public String kind;

  @Column(name = "window_seconds", nullable = false)
  public int windowSeconds;

  @Column(name = "every_seconds", nullable = false)
  public int everySeconds;

  /** {@code >}, {@code >=}, ...; null for no_data rules. */
  @Column(name = "condition_op", length = 2)
  public String conditionOp;

  @Column(name = "condition_value", columnDefinition = "numeric")
  public BigDecimal conditionValue;

  /** A JSON array of up to three field names; {@code []} for none. */
  @Column(name = "group_by", nullable = false, columnDefinition = "text")
  public String groupBy;

  @Column(name = "for_seconds", nullable = false)
  public int forSeconds;

  @Column(nullable = false, length = 16)
  public String severity;

  /** A JSON array of channel ids. */
  @Column(nullable = false, columnDefinition = "text")
  public String channels;

  /** Null: a firing alert is told once. */
  @Column(name = "renotify_seconds")
  public Integer renotifySeconds;

  /** A JSON object of label names to values. */
  @Column(nullable = false, columnDefinition = "text")
  public String labels;

  @Column(columnDefinition = "text")
  public String description;

  @Column(name = "runbook_url", length = AlertRuleRules.MAX_URL)
  public String runbookUrl;

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

  List<String> groupByList() {
    return read(groupBy, STRINGS);
  }

  List<String> channelList() {
    return read(channels, STRINGS);
  }

  Map<String, String> labelMap() {
    return read(labels, LABELS);
  }

  /**
   * What a silence's matchers are compared with for this rule's alert of {@code group}: the rule's
   * labels, {@code alertname} (its name), {@code severity}, and the group's values.
   */
  Map<String, String> silenceLabels(Map<String, String> group) {
    return SilenceLabels.of(labelMap(), name, severity, group);
  }

  /** Takes everything a rule's body decides from {@code valid}. */
  void apply(AlertRuleRules.Valid valid) {
    name = valid.name();
    query = valid.query();
    kind = valid.kind().label();
    windowSeconds = valid.windowSeconds();
    everySeconds = valid.everySeconds();
    conditionOp = valid.op() == null ? null : valid.op().symbol();
    conditionValue = valid.value();
    groupBy = write(valid.groupBy());
    forSeconds = valid.forSeconds();
    severity = valid.severity();
    channels = write(valid.channels());
    renotifySeconds = valid.renotifySeconds();
    labels = write(valid.labels());
    description = valid.description();
    runbookUrl = valid.runbookUrl();
    enabled = valid.enabled();
  }

  private <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert rule " + id + " has an unreadable JSON column", e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of strings are always JSON", e);
    }
  }
}
