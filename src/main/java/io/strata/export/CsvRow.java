package io.strata.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes events as CSV rows (RFC 4180): a field with a comma, quote or line break is quoted, a
 * list or object becomes its JSON, a missing field an empty cell.
 *
 * <p>Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage
 * return) is prefixed with a single quote: exports are opened in spreadsheets by auditors, and log
 * lines are attacker-controlled input.
 */
final class CsvRow {

  private final ObjectMapper json;

  CsvRow(ObjectMapper json) {
    this.json = json;
  }

  /** The header row of {@code columns}. */
  String header(List<String> columns) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      // Column names come from the caller, not from events: no formula guard, so "@timestamp" stays.
      appendQuoted(row, columns.get(i));
    }
    return row.append("\r\n").toString();
  }

  /** The row of {@code event} for {@code columns}. */
  String row(Map<String, Object> event, List<String> columns) {
    StringBuilder row = new StringBuilder(256);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      Object value = event.get(columns.get(i));
      if (value instanceof String text) {
        appendText(row, text);
      } else if (value instanceof Number || value instanceof Boolean) {
        row.append(value);
      } else if (value != null) {
        appendText(row, toJson(value));
      }
    }
    return row.append("\r\n").toString();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static void appendText(StringBuilder row, String text) {
    boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    appendQuoted(row, formula ? "'" + text : text);
  }

  private static void appendQuoted(StringBuilder row, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      row.append(value);
      return;
    }
    row.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        row.append('"');
      }
      row.append(c);
    }
    row.append('"');
  }
}
