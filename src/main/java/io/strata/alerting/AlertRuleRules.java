package io.strata.alerting;

import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an alert rule may hold, checked before anything is stored or evaluated. Pure: the query is
 * parsed elsewhere (on a worker thread, see {@link AlertRuleResource}). A bad body is a 400
 * problem naming the body member in {@code field} ({@code condition.op} for a nested one).
 *
 * <p>Defaults: {@code kind} threshold, {@code every} 1m, {@code for} 0s, {@code severity} warning,
 * {@code enabled} true; no {@code renotify} means a firing alert is told once.
 */
public final class AlertRuleRules {

  static final int MAX_NAME = 200;
  static final int MAX_QUERY = 4096;
  /** Evaluating more often than this costs more than any alert is worth. */
  static final long MIN_EVERY_SECONDS = 10;
  static final long MIN_WINDOW_SECONDS = 10;
  /** A day: a count over more is a report, not an alert (and no_data reads twice the window). */
  static final long MAX_WINDOW_SECONDS = 86_400;
  static final long MAX_EVERY_SECONDS = 86_400;
  static final long MAX_FOR_SECONDS = 86_400;
  static final long MIN_RENOTIFY_SECONDS = 60;
  static final long MAX_RENOTIFY_SECONDS = 7 * 86_400;
  static final int MAX_GROUP_BY = 3;
  static final int MAX_CHANNELS = 20;
  static final int MAX_CHANNEL = 64;
  static final int MAX_LABELS = 20;
  static final int MAX_LABEL_VALUE = 256;
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_URL = 2048;
  /** Bounds of a condition's value: counts are whole and never near 10^15. */
  static final BigDecimal MAX_VALUE = new BigDecimal("1e15");
  static final int MAX_VALUE_SCALE = 6;
  static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_.:-]+");
  /** The fields a rule may group by: the keyword fields with doc values (see EventFields). */
  static final SortedSet<String> GROUPABLE =
      Collections.unmodifiableSortedSet(new TreeSet<>(EventFields.FACETED));

  /**
   * A rule that passed the rules; durations in seconds, lists and maps never null. {@code op} and
   * {@code value} are null for no_data rules.
   */
  public record Valid(String name, String query, RuleKind kind, int windowSeconds, int everySeconds,
      Comparison op, BigDecimal value, List<String> groupBy, int forSeconds, String severity,
      List<String> channels, Integer renotifySeconds, Map<String, String> labels,
      String description, String runbookUrl, boolean enabled) {}

  private AlertRuleRules() {}

  /** {@code request} checked and normalised; a 400 problem naming the first bad member. */
  static Valid check(AlertRuleRequest request) {
    if (request == null) {
      throw invalid("name", "Send {\"name\", \"query\", \"kind\", \"window\", \"every\","
          + " \"condition\", \"group_by\", \"for\", \"severity\", ...}.");
    }
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty()) {
      throw invalid("name", "A rule needs a non-empty 'name'.");
    }
    text("name", name, MAX_NAME);
    String query = request.query() == null ? "" : request.query().strip();
    text("query", query, MAX_QUERY);
    RuleKind kind = kind(request.kind());
    int window = duration("window", request.window(), null, MIN_WINDOW_SECONDS,
        MAX_WINDOW_SECONDS);
    int every = duration("every", request.every(), "1m", MIN_EVERY_SECONDS, MAX_EVERY_SECONDS);
    Comparison op = null;
    BigDecimal value = null;
    if (kind == RuleKind.THRESHOLD) {
      AlertRuleRequest.Condition condition = request.condition();
      if (condition == null) {
        throw invalid("condition", "A threshold rule needs a 'condition', such as"
            + " {\"op\":\">\",\"value\":10}.");
      }
      op = Comparison.of(condition.op() == null ? null : condition.op().strip());
      if (op == null) {
        throw invalid("condition.op", "'condition.op' must be one of >, >=, <, <=, ==, !=; was "
            + (condition.op() == null ? "missing" : "'" + condition.op() + "'") + ".");
      }
      value = conditionValue(condition.value());
    } else if (request.condition() != null) {
      throw invalid("condition", "A no_data rule takes no 'condition': it fires for a group that"
          + " had events in the previous window and has none in this one.");
    }
    List<String> groupBy = groupBy(request.groupBy());
    int forSeconds = duration("for", request.forDuration(), "0s", 0, MAX_FOR_SECONDS);
    String severity = severity(request.severity());
    List<String> channels = channels(request.channels());
    Integer renotify = request.renotify() == null || request.renotify().isBlank() ? null
        : duration("renotify", request.renotify(), null, MIN_RENOTIFY_SECONDS,
            MAX_RENOTIFY_SECONDS);
    Map<String, String> labels = labels(request.labels());
    String description = optionalText("description", request.description(), MAX_DESCRIPTION);
    String runbook = runbookUrl(request.runbookUrl());
    boolean enabled = request.enabled() == null || request.enabled();
    return new Valid(name, query, kind, window, every, op, value, groupBy, forSeconds, severity,
        channels, renotify, labels, description, runbook, enabled);
  }

  private static RuleKind kind(String requested) {
    if (requested == null || requested.isBlank()) {
      return RuleKind.THRESHOLD;
    }
    RuleKind kind = RuleKind.of(requested.strip());
    if (kind == null) {
      throw invalid("kind", "'kind' must be threshold or no_data; was '" + requested + "'.");
    }
    return kind;
  }

  /** A duration in {@code [min, max]} seconds; {@code fallback} when absent (null: required). */
  private static int duration(String field, String requested, String fallback, long min,
      long max) {
    String text = requested == null || requested.isBlank() ? fallback : requested;
    if (text == null) {
      throw invalid(field, "A rule needs a '" + field + "', such as 5m.");
    }
    long seconds;
    try {
      seconds = Durations.seconds(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "'" + field + "': " + e.getMessage());
    }
    if (seconds < min || seconds > max) {
      throw invalid(field, "'" + field + "' must be from " + Durations.format(min) + " to "
          + Durations.format(max) + "; was " + text.strip() + ".");
    }
    return (int) seconds;
  }

  private static BigDecimal conditionValue(BigDecimal value) {
    if (value == null) {
      throw invalid("condition.value", "'condition.value' must be a number, such as 10.");
    }
    if (value.abs().compareTo(MAX_VALUE) > 0 || value.scale() > MAX_VALUE_SCALE) {
      throw invalid("condition.value", "'condition.value' must be between -10^15 and 10^15,"
          + " with at most " + MAX_VALUE_SCALE + " decimals.");
    }
    return value;
  }

  private static List<String> groupBy(List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      return List.of();
    }
    if (requested.size() > MAX_GROUP_BY) {
      throw invalid("group_by", "'group_by' names at most " + MAX_GROUP_BY + " fields; was "
          + requested.size() + ".");
    }
    Set<String> fields = new LinkedHashSet<>();
    for (String field : requested) {
      String name = field == null ? "" : field.strip();
      if (!GROUPABLE.contains(name)) {
        throw invalid("group_by", "'" + name + "' cannot be grouped by: only fields with doc"
            + " values can, which are " + String.join(", ", GROUPABLE) + ".")
            .with("groupable", List.copyOf(GROUPABLE));
      }
      if (!fields.add(name)) {
        throw invalid("group_by", "'group_by' names '" + name + "' twice.");
      }
    }
    return List.copyOf(fields);
  }

  private static String severity(String requested) {
    if (requested == null || requested.isBlank()) {
      return "warning";
    }
    String severity = requested.strip().toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(severity)) {
      throw invalid("severity", "'severity' must be critical, warning or info; was '" + requested
          + "'.");
    }
    return severity;
  }

  private static List<String> channels(List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > MAX_CHANNELS) {
      throw invalid("channels", "At most " + MAX_CHANNELS + " 'channels'; was " + requested.size()
          + ".");
    }
    Set<String> channels = new LinkedHashSet<>();
    for (String channel : requested) {
      String id = channel == null ? "" : channel.strip();
      if (id.isEmpty() || id.length() > MAX_CHANNEL || !CHANNEL_ID.matcher(id).matches()) {
        throw invalid("channels", "Every entry of 'channels' must be a channel id of 1 to "
            + MAX_CHANNEL + " letters, digits, '_', '.', ':' or '-'.");
      }
      channels.add(id);
    }
    return new ArrayList<>(channels);
  }

  private static Map<String, String> labels(Map<String, String> requested) {
    if (requested == null) {
      return Map.of();
    }
    if (requested.size() > MAX_LABELS) {
      throw invalid("labels", "At most " + MAX_LABELS + " 'labels'; was " + requested.size() + ".");
    }
    Map<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, String> label : requested.entrySet()) {
      if (label.getKey() == null || !LABEL_NAME.matcher(label.getKey()).matches()) {
        throw invalid("labels", "Label names start with a letter or '_' and hold up to 63"
            + " letters, digits, '_', '.' or '-'; '" + label.getKey() + "' does not.");
      }
      String value = label.getValue() == null ? "" : label.getValue();
      text("labels", value, MAX_LABEL_VALUE);
      labels.put(label.getKey(), value);
    }
    return new LinkedHashMap<>(labels);
  }

  private static String runbookUrl(String requested) {
    String url = optionalText("runbook_url", requested, MAX_URL);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw invalid("runbook_url", "'runbook_url' must be an http or https URL.");
  }

  private static String optionalText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    text(field, stripped, max);
    return stripped;
  }

  /** Lengths in code points, as PostgreSQL counts them; NUL is refused by PostgreSQL. */
  private static void text(String field, String value, int max) {
    if (value.codePointCount(0, value.length()) > max) {
      throw invalid(field, "'" + field + "' is longer than " + max + " characters.");
    }
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, "'" + field + "' must not contain NUL characters.");
    }
  }

  private static ProblemException invalid(String field, String detail) {
    return ProblemException.badRequest("invalid-alert-rule", detail).with("field", field);
  }
}
