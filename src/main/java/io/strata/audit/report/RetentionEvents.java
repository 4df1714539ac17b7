package io.strata.audit.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.audit.AuditRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The retention report's reading of a {@code retention.*} or {@code hold.*} event: its kind of
 * record, its CSV row and its line in the PDF. Everything comes from the event's params as the
 * retention services record them, so the report rests on the trail alone (tamper-evident), not on
 * tables that a later change rewrites.
 */
final class RetentionEvents {

  /** The record type of the row that says which policy was in force when the period began. */
  static final String POLICY_AT_START = "policy_at_start";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Map<String, Object>>> STREAMS = new TypeReference<>() {};

  private RetentionEvents() {}

  /** What a row of {@code action} is, in words a reader of the CSV filters on. */
  static String recordType(String action) {
    return switch (action) {
      case "retention.update" -> "policy_set";
      case "retention.delete" -> "index_deleted";
      case "hold.create" -> "hold_placed";
      case "hold.release" -> "hold_released";
      default -> action;
    };
  }

  /** The CSV row of {@code record}, in {@link CsvReport#RETENTION_COLUMNS}. */
  static Map<String, Object> row(AuditRecord record) {
    return row(recordType(record.action()), record, null);
  }

  /**
   * The row of the policy in force at the start of the period: the {@code retention.update} that
   * set it, or (when {@code policy} is null) the note that the platform default applied.
   */
  static Map<String, Object> policyAtStart(AuditRecord policy, String note) {
    if (policy == null) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("record_type", POLICY_AT_START);
      row.put("note", note);
      return row;
    }
    return row(POLICY_AT_START, policy, note);
  }

  private static Map<String, Object> row(String recordType, AuditRecord record, String note) {
    Map<String, String> params = record.params() == null ? Map.of() : record.params();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("record_type", recordType);
    row.put("action", record.action());
    row.put("time", record.time().toString());
    row.put("actor", ReportSummary.actor(record));
    row.put("target", record.target());
    switch (record.action()) {
      case "retention.update" -> {
        row.put("default_days", params.get("default_days"));
        row.put("profile", params.get("profile"));
        row.put("max_days", params.get("max_days"));
        row.put("streams", params.get("streams"));
      }
      case "retention.delete" -> {
        row.put("day", params.get("day"));
        row.put("class", params.get("class"));
        row.put("retain_days", params.get("days"));
        row.put("expired_at", params.get("expired_at"));
        row.put("events_deleted", params.get("events"));
        row.put("bytes_deleted", params.get("bytes"));
      }
      case "hold.create" -> {
        row.put("hold_name", params.get("name"));
        row.put("hold_case", params.get("case"));
        row.put("hold_query", params.get("query"));
        row.put("hold_from", params.get("from"));
        row.put("hold_to", params.get("to"));
        row.put("reason", params.get("reason"));
      }
      default -> { }
    }
    row.put("outcome", record.outcome());
    row.put("status", record.status());
    row.put("audit_seq", record.seq());
    row.put("hash", record.hash());
    row.put("note", note);
    return row;
  }

  /** What {@code record} did, in one line for the PDF's table. */
  static String details(AuditRecord record) {
    Map<String, String> params = record.params() == null ? Map.of() : record.params();
    return switch (record.action()) {
      case "retention.update" -> policy(params);
      case "retention.delete" -> "day " + params.get("day") + ", class " + params.get("class")
          + ", kept " + params.get("days") + " days: " + count(params.get("events")) + " events, "
          + bytes(number(params.get("bytes")));
      case "hold.create" -> join(Arrays.asList(
          text("name", params.get("name")), text("case", params.get("case")),
          text("query", params.get("query")), text("from", params.get("from")),
          text("to", params.get("to")), text("reason", params.get("reason"))));
      default -> "";
    };
  }

  /** A policy as recorded by {@code retention.update}, in words. */
  static String policy(Map<String, String> recorded) {
    Map<String, String> params = recorded == null ? Map.of() : recorded;
    List<String> parts = new ArrayList<>();
    parts.add("default " + params.get("default_days") + " days");
    String profile = params.get("profile");
    if (profile != null && !"none".equals(profile)) {
      parts.add("profile " + profile);
    }
    if (params.get("max_days") != null) {
      parts.add("at most " + params.get("max_days") + " days");
    }
    for (Map<String, Object> stream : streams(params.get("streams"))) {
      parts.add("stream " + stream.get("name") + " (" + stream.get("selector") + ") "
          + stream.get("days") + " days"
          + (stream.get("priority") == null ? "" : ", priority " + stream.get("priority")));
    }
    return String.join("; ", parts);
  }

  /** The streams of a recorded policy: a JSON array of {name, selector, days, priority}. */
  static List<Map<String, Object>> streams(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      List<Map<String, Object>> streams = JSON.readValue(json, STREAMS);
      return streams == null ? List.of() : streams;
    } catch (IOException e) {
      // Shown as recorded rather than not at all: the CSV has the text itself.
      return List.of(Map.of("name", json, "selector", "?", "days", "?"));
    }
  }

  /** {@code value} as a number of the trail's params, 0 when absent or not one. */
  static long number(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code bytes} for a reader: in the largest unit that keeps it above 1, and exactly. */
  static String bytes(long bytes) {
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
    return unit < 0 ? exact : String.format(Locale.ROOT, "%.1f %s (%s)", value, units[unit], exact);
  }

  private static String count(String value) {
    return String.format(Locale.ROOT, "%,d", number(value));
  }

  private static String text(String label, String value) {
    return value == null || value.isBlank() ? null : label + " " + value;
  }

  private static String join(List<String> parts) {
    return String.join("; ", parts.stream().filter(Objects::nonNull).toList());
  }
}
