package io.strata.alerting;

import io.strata.alerting.delivery.Notice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the {@link Notice} of an alert's notification: a summary a person reads first, and the
 * console's search for the events behind it (the rule's query narrowed to the alert's group, over
 * the window that was evaluated).
 */
final class AlertNotices {

  private AlertNotices() {}

  /** What the scheduler knows of a rule that a notice tells. */
  record RuleFacts(String id, String tenant, String name, String severity, String query,
      RuleKind kind, int windowSeconds, Comparison op, java.math.BigDecimal value,
      Map<String, String> labels, String description, String runbookUrl) {}

  /** The facts of a stored rule. */
  static RuleFacts facts(AlertRule rule) {
    return new RuleFacts(rule.id, rule.tenant, rule.name, rule.severity, rule.query,
        RuleKind.of(rule.kind), rule.windowSeconds, Comparison.of(rule.conditionOp),
        rule.conditionValue, rule.labelMap(), rule.description, rule.runbookUrl);
  }

  static Notice notice(String event, RuleFacts rule, String fingerprint,
      Map<String, String> group, Long value, Instant startsAt, Instant at, Instant windowEnd,
      String detail, String consoleUrl) {
    String window = Durations.format(rule.windowSeconds());
    String summary = switch (event) {
      case Notice.ERROR -> "The rule cannot be evaluated: " + detail;
      case Notice.RESOLVED -> detail != null ? "Resolved: " + detail + "."
          : rule.kind() == RuleKind.NO_DATA
          ? "Events arrive again: " + value + " in the last " + window + "."
          : value == null ? "The rule can be evaluated again."
          : "Back to " + value + " matching events in " + window + ".";
      default -> rule.kind() == RuleKind.NO_DATA
          ? "No matching events in the last " + window + ", after some in the " + window
              + " before."
          : value + " matching events in " + window + " (condition " + rule.op().symbol()
              + " " + rule.value().stripTrailingZeros().toPlainString() + ").";
    };
    Instant from = windowEnd.minusSeconds(rule.kind() == RuleKind.NO_DATA
        ? 2L * rule.windowSeconds() : rule.windowSeconds());
    return new Notice(event, rule.tenant(), rule.id(), rule.name(), rule.severity(), fingerprint,
        group, rule.labels(), value, summary, startsAt,
        Notice.RESOLVED.equals(event) ? at : null, at, rule.query(), rule.description(),
        rule.runbookUrl(), searchUrl(consoleUrl, rule.query(), group, from, windowEnd));
  }

  /** The console's search for {@code query} within {@code group}, over {@code [from, to]}. */
  static String searchUrl(String consoleUrl, String query, Map<String, String> group,
      Instant from, Instant to) {
    StringBuilder q = new StringBuilder();
    if (query != null && !query.isBlank()) {
      q.append(group.isEmpty() ? query : "(" + query + ")");
    }
    for (Map.Entry<String, String> value : group.entrySet()) {
      if (!q.isEmpty()) {
        q.append(" AND ");
      }
      q.append(value.getKey()).append(":\"")
          .append(value.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return consoleUrl + "?q=" + encode(q.toString()) + "&from=" + encode(from.toString())
        + "&to=" + encode(to.toString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
