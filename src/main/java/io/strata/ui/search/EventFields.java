package io.strata.ui.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event as the rows of its detail table: every field by its dotted name, as search names it
 * ({@code user.email}), in the event's order; a list stays one row, as JSON. A row can be filtered
 * for or out when search can match its value exactly: a single text, number or boolean of a field
 * other than the event's id and time.
 */
final class EventFields {

  /** One field: its dotted name, its value as text, and whether it can be filtered on. */
  record Row(String field, String value, boolean filterable) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventFields() {}

  static List<Row> of(Map<String, Object> event) {
    List<Row> rows = new ArrayList<>();
    flatten("", event, rows);
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> object, List<Row> rows) {
    for (Map.Entry<String, Object> entry : object.entrySet()) {
      String name = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        flatten(name + ".", (Map<String, Object>) nested, rows);
      } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
        rows.add(new Row(name, json(value), false));
      } else {
        boolean filterable = value != null && !name.equals("_id") && !name.equals("@timestamp");
        rows.add(new Row(name, value == null ? "null" : value.toString(), filterable));
      }
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
