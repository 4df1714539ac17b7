package io.strata.infra.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes events as CSV rows (RFC 4180): a field with a comma, semicolon, tab, quote or line break is
 * quoted, a list or object becomes its JSON, a missing field an empty cell.
 *
 * <p>Every text cell, the header's column names included, goes through {@link FormulaGuard}: text a
 * spreadsheet would run as a formula gets a single quote and the cell is quoted (as OWASP advises),
 * so the quote and what follows stay one text cell. Numbers and booleans of the event are written
 * as they are: they cannot carry a formula.
 */
public final class CsvRow {

  private final ObjectMapper json;

  public CsvRow(ObjectMapper json) {
    this.json = json;
  }

  /** The header row of {@code columns}. */
  public String header(List<String> columns) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      // Column names come from `fields`, which a shared export link carries: guarded like any cell,
      // so "@timestamp" is written as "'@timestamp" (Excel reads a leading @ as a formula too).
      appendText(row, columns.get(i));
    }
    return row.append("\r\n").toString();
  }

  /** The row of {@code event} for {@code columns}. */
  public String row(Map<String, Object> event, List<String> columns) {
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
    String guarded = FormulaGuard.defuse(text);
    // The guard only ever inserts: a longer text is a guarded one.
    appendQuoted(row, guarded, guarded.length() != text.length());
  }

  private static void appendQuoted(StringBuilder row, String value, boolean guarded) {
    // A ';' or tab is quoted too: a spreadsheet that splits on it still honours the quotes.
    boolean quote = guarded;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == ';' || c == '\t' || c == '"' || c == '\n' || c == '\r';
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
