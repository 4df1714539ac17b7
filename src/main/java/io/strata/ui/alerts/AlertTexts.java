package io.strata.ui.alerts;

import io.strata.infra.http.ProblemException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the Alerts view writes and reads the small texts of alerting: times in UTC, a group's values
 * ({@code service=checkout, host=web-1}), and the same notation typed into a form for labels and
 * silence matchers.
 */
final class AlertTexts {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private AlertTexts() {}

  /** {@code time} as {@code 2026-12-06 08:00:10} (UTC); empty for null. */
  static String time(Instant time) {
    return time == null ? "" : TIME.format(time);
  }

  /** A group's or matcher's values as {@code name=value, ...}; {@code (all)} for none. */
  static String pairs(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return "(all)";
    }
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /**
   * The {@code name=value} pairs of {@code text}, separated by commas, in order; empty for a blank
   * text. A pair without {@code =} or without a name is a 400 problem naming {@code field}, as the
   * API would answer a body it cannot read.
   */
  static Map<String, String> parsePairs(String text, String field) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return pairs;
    }
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? "" : part.substring(0, eq).strip();
      if (name.isEmpty()) {
        throw ProblemException.badRequest("invalid-" + field, "Write '" + field
            + "' as name=value pairs separated by commas, e.g. service=checkout; '"
            + part.strip() + "' is not one.").with("field", field);
      }
      pairs.put(name, part.substring(eq + 1).strip());
    }
    return pairs;
  }

  /** The items of a comma-separated list, stripped, blanks left out. */
  static java.util.List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(text.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
  }
}
