package io.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an OTLP/JSON {@code ExportLogsServiceRequest} in one streaming pass: proto3's JSON mapping
 * with OTLP's changes (hex trace and span ids, enums as numbers). Like the OpenTelemetry
 * Collector, it also takes the proto field names ({@code time_unix_nano}), severity names
 * ({@code "SEVERITY_NUMBER_WARN"}), 64-bit integers as numbers or strings, and ignores unknown
 * fields.
 *
 * <p>A log record with a value of the wrong type is rejected on its own (a bad resource or scope
 * rejects its records); JSON that does not parse, or whose structure above the records is wrong,
 * refuses the whole request.
 *
 * <p>Caution: not thread-safe; one instance per request.
 */
final class OtlpJsonDecoder {

  private static final JsonFactory JSON = new JsonFactory();
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR",
      "FATAL");

  /** A log record as read, or why it cannot be taken. */
  private record Pending(OtlpLogRecord record, String error) {}

  /** A scope with its records, or why none of them can be taken. */
  private record PendingScope(OtlpScope scope, String error, List<Pending> records) {}

  private final JsonParser parser;
  /** The first problem found in the record, scope or resource being read, or null. */
  private String error;

  private OtlpJsonDecoder(JsonParser parser) {
    this.parser = parser;
  }

  /** Decodes {@code body[0..length)} into {@code events}; throws when it is not a valid request. */
  static void decode(byte[] body, int length, OtlpEvents events) {
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      new OtlpJsonDecoder(parser).readRequest(events);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new OtlpDecodeException("the request", "malformed JSON at line "
          + (where == null ? "?" : where.getLineNr()) + ", column "
          + (where == null ? "?" : where.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OtlpDecodeException("the request", "malformed JSON: " + e.getMessage());
    }
  }

  private void readRequest(OtlpEvents events) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw new OtlpDecodeException("the request",
          "the body must be a JSON object (an ExportLogsServiceRequest with \"resourceLogs\")");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      token = parser.nextToken();
      if (!name.equals("resourceLogs") && !name.equals("resource_logs")
          || token == JsonToken.VALUE_NULL) {
        parser.skipChildren();
        continue;
      }
      if (token != JsonToken.START_ARRAY) {
        throw new OtlpDecodeException("resourceLogs", "must be an array");
      }
      int index = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        String where = "resourceLogs[" + index++ + "]";
        if (token == JsonToken.START_OBJECT) {
          readResourceLogs(where, events);
        } else if (token != JsonToken.VALUE_NULL) {
          throw new OtlpDecodeException(where, "must be an object");
        }
      }
    }
    if (parser.nextToken() != null) {
      throw new OtlpDecodeException("the request", "unexpected content after the request object");
    }
  }

  /** Reads one ResourceLogs (whose fields may come in any order), then hands on its records. */
  private void readResourceLogs(String where, OtlpEvents events) throws IOException {
    List<OtlpValue.Attribute> resource = List.of();
    String resourceError = null;
    List<PendingScope> scopes = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "resource" -> {
          error = null;
          resource = object(token, "resource") ? readResource() : List.of();
          resourceError = error;
        }
        case "scopeLogs", "scope_logs" -> {
          if (token != JsonToken.START_ARRAY) {
            throw new OtlpDecodeException(where + ".scopeLogs", "must be an array");
          }
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String at = where + ".scopeLogs[" + scopes.size() + "]";
            if (token == JsonToken.START_OBJECT) {
              scopes.add(readScopeLogs(at));
            } else if (token != JsonToken.VALUE_NULL) {
              throw new OtlpDecodeException(at, "must be an object");
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    for (int s = 0; s < scopes.size(); s++) {
      PendingScope scope = scopes.get(s);
      for (int i = 0; i < scope.records().size(); i++) {
        String at = where + ".scopeLogs[" + s + "].logRecords[" + i + "]";
        Pending pending = scope.records().get(i);
        if (resourceError != null) {
          events.reject(at, "resource: " + resourceError);
        } else if (scope.error() != null) {
          events.reject(at, "scope: " + scope.error());
        } else if (pending.error() != null) {
          events.reject(at, pending.error());
        } else {
          events.add(at, resource, scope.scope(), pending.record());
        }
      }
    }
  }

  private List<OtlpValue.Attribute> readResource() throws IOException {
    List<OtlpValue.Attribute> attributes = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (name.equals("attributes") && token != JsonToken.VALUE_NULL) {
        attributes = keyValues(token, "attributes", 0);
      } else {
        parser.skipChildren();
      }
    }
    return attributes;
  }

  private PendingScope readScopeLogs(String where) throws IOException {
    OtlpScope scope = OtlpScope.UNKNOWN;
    String scopeError = null;
    List<Pending> records = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "scope" -> {
          error = null;
          scope = object(token, "scope") ? readScope() : OtlpScope.UNKNOWN;
          scopeError = error;
        }
        case "logRecords", "log_records" -> {
          if (token != JsonToken.START_ARRAY) {
            throw new OtlpDecodeException(where + ".logRecords", "must be an array");
          }
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            error = null;
            if (token == JsonToken.START_OBJECT) {
              OtlpLogRecord record = readLogRecord();
              records.add(new Pending(error == null ? record : null, error));
            } else {
              parser.skipChildren();
              records.add(new Pending(null, "a log record must be an object, not " + token));
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    return new PendingScope(scope, scopeError, records);
  }

  private OtlpScope readScope() throws IOException {
    String name = "";
    String version = "";
    List<OtlpValue.Attribute> attributes = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "name" -> name = string(token, "name");
        case "version" -> version = string(token, "version");
        case "attributes" -> attributes = keyValues(token, "attributes", 0);
        default -> parser.skipChildren();
      }
    }
    return new OtlpScope(name, version, attributes);
  }

  private OtlpLogRecord readLogRecord() throws IOException {
    long time = 0;
    long observed = 0;
    int severityNumber = 0;
    String severityText = "";
    OtlpValue body = null;
    List<OtlpValue.Attribute> attributes = List.of();
    String traceId = null;
    String spanId = null;
    String eventName = "";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> time = integer(token, "timeUnixNano", true);
        case "observedTimeUnixNano", "observed_time_unix_nano" ->
            observed = integer(token, "observedTimeUnixNano", true);
        case "severityNumber", "severity_number" -> severityNumber = severityNumber(token);
        case "severityText", "severity_text" -> severityText = string(token, "severityText");
        case "body" -> body = anyValue(token, "body", 0);
        case "attributes" -> attributes = keyValues(token, "attributes", 0);
        case "traceId", "trace_id" -> traceId = id(token, OtlpIds.TRACE_ID_BYTES);
        case "spanId", "span_id" -> spanId = id(token, OtlpIds.SPAN_ID_BYTES);
        case "eventName", "event_name" -> eventName = string(token, "eventName");
        default -> parser.skipChildren();
      }
    }
    return new OtlpLogRecord(time, observed, severityNumber, severityText, body, attributes,
        traceId, spanId, eventName);
  }

  private List<OtlpValue.Attribute> keyValues(JsonToken token, String what, int depth)
      throws IOException {
    if (token != JsonToken.START_ARRAY) {
      return fail(token, what + " must be an array of {\"key\":...,\"value\":{...}}", List.of());
    }
    List<OtlpValue.Attribute> attributes = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      String element = what + "[" + attributes.size() + "]";
      if (token == JsonToken.START_OBJECT) {
        attributes.add(keyValue(element, depth));
      } else if (token != JsonToken.VALUE_NULL) {
        fail(token, element + " must be an object", null);
      }
    }
    return attributes;
  }

  private OtlpValue.Attribute keyValue(String what, int depth) throws IOException {
    String key = "";
    OtlpValue value = null;
    String before = error;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "key" -> key = string(token, "key");
        case "value" -> value = anyValue(token, "value", depth);
        default -> parser.skipChildren();
      }
    }
    if (before == null && error != null) {
      error = what + (key.isEmpty() ? "" : " (" + key + ")") + ": " + error;
    }
    return new OtlpValue.Attribute(key, value);
  }

  /** An AnyValue object; the last of its oneof fields wins. Null when empty. */
  private OtlpValue anyValue(JsonToken token, String what, int depth) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return fail(token, what + " must be an AnyValue object such as {\"stringValue\":\"...\"}",
          null);
    }
    if (depth > OtlpValue.MAX_DEPTH) {
      return fail(token, "values nested deeper than " + OtlpValue.MAX_DEPTH, null);
    }
    OtlpValue value = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "stringValue", "string_value" -> value = new OtlpValue.Text(string(token, name));
        case "boolValue", "bool_value" -> value = token == JsonToken.VALUE_TRUE
            || token == JsonToken.VALUE_FALSE ? new OtlpValue.Bool(token == JsonToken.VALUE_TRUE)
            : fail(token, name + " must be true or false", null);
        case "intValue", "int_value" -> value = new OtlpValue.Int(integer(token, name, false));
        case "doubleValue", "double_value" -> value = new OtlpValue.Real(real(token, name));
        case "bytesValue", "bytes_value" -> value = new OtlpValue.Bytes(bytes(token, name));
        case "arrayValue", "array_value" -> {
          List<OtlpValue> values = new ArrayList<>();
          if (enterValues(token, name)) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
              values.add(element == JsonToken.VALUE_NULL ? null
                  : anyValue(element, name + ".values[" + values.size() + "]", depth + 1));
            }
            skipRestOfObject();
          }
          value = new OtlpValue.Array(values);
        }
        case "kvlistValue", "kvlist_value" -> {
          List<OtlpValue.Attribute> entries = new ArrayList<>();
          if (enterValues(token, name)) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
              String at = name + ".values[" + entries.size() + "]";
              if (element == JsonToken.START_OBJECT) {
                entries.add(keyValue(at, depth + 1));
              } else if (element != JsonToken.VALUE_NULL) {
                fail(element, at + " must be an object", null);
              }
            }
            skipRestOfObject();
          }
          value = new OtlpValue.KeyValues(entries);
        }
        default -> parser.skipChildren();
      }
    }
    return value;
  }

  /**
   * Moves into the {@code "values"} array of an ArrayValue or KeyValueList object, to read its
   * elements and then {@link #skipRestOfObject}; false (the object read whole) when it has none.
   */
  private boolean enterValues(JsonToken token, String what) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return fail(token, what + " must be an object with \"values\"", false);
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals("values") || value == JsonToken.VALUE_NULL) {
        parser.skipChildren();
      } else if (value == JsonToken.START_ARRAY) {
        return true;
      } else {
        fail(value, what + ".values must be an array", null);
      }
    }
    return false;
  }

  /** Skips the members of the object the parser is in, up to and including its end. */
  private void skipRestOfObject() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  private String string(JsonToken token, String what) throws IOException {
    return token == JsonToken.VALUE_STRING ? parser.getText()
        : fail(token, what + " must be a string", "");
  }

  /** A 64-bit integer as a JSON number or decimal string; unsigned ones may use all 64 bits. */
  private long integer(JsonToken token, String what, boolean unsigned) throws IOException {
    BigInteger value = null;
    try {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        value = parser.getBigIntegerValue();
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        value = parser.getDecimalValue().toBigIntegerExact();
      } else if (token == JsonToken.VALUE_STRING) {
        value = new BigInteger(parser.getText().strip());
      }
    } catch (NumberFormatException | ArithmeticException e) {
      value = null;
    }
    BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger max = unsigned ? MAX_UINT64 : BigInteger.valueOf(Long.MAX_VALUE);
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      return fail(token, what + " must be " + (unsigned ? "an unsigned" : "a") + " 64-bit integer"
          + describe(token), 0L);
    }
    return value.longValue();
  }

  private double real(JsonToken token, String what) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText().strip();
      switch (text) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            // Refused below.
          }
        }
      }
    }
    return fail(token, what + " must be a number" + describe(token), 0.0);
  }

  /** Base64, standard or URL-safe, with or without padding. */
  private byte[] bytes(JsonToken token, String what) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Base64.getDecoder().decode(parser.getText().strip().replace('-', '+')
            .replace('_', '/'));
      } catch (IllegalArgumentException e) {
        // Refused below.
      }
    }
    return fail(token, what + " must be base64" + describe(token), new byte[0]);
  }

  /** A SeverityNumber as its number or, as the Collector also takes, its name. */
  private int severityNumber(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      String name = parser.getText().strip();
      if (name.startsWith("SEVERITY_NUMBER_")) {
        name = name.substring("SEVERITY_NUMBER_".length());
        if (name.equals("UNSPECIFIED")) {
          return 0;
        }
        char last = name.isEmpty() ? ' ' : name.charAt(name.length() - 1);
        int step = last >= '2' && last <= '4' ? last - '1' : 0;
        int base = SEVERITIES.indexOf(step > 0 ? name.substring(0, name.length() - 1) : name);
        if (base >= 0) {
          return base * 4 + 1 + step;
        }
      }
    }
    long number = integer(token, "severityNumber", false);
    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      return fail(token, "severityNumber is out of range", 0);
    }
    return (int) number;
  }

  /** A hex id; one of the wrong length, all zeroes or not a string is treated as absent. */
  private String id(JsonToken token, int length) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      parser.skipChildren();
      return null;
    }
    return OtlpIds.fromHex(parser.getText().strip(), length);
  }

  private boolean object(JsonToken token, String what) throws IOException {
    return token == JsonToken.START_OBJECT || fail(token, what + " must be an object", false);
  }

  private String describe(JsonToken token) throws IOException {
    return token.isScalarValue() ? ", not '" + parser.getText() + "'" : ", not " + token;
  }

  /** Notes the first problem, skips the value the parser is at, and returns {@code fallback}. */
  private <T> T fail(JsonToken token, String problem, T fallback) throws IOException {
    if (error == null) {
      error = problem;
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
    }
    return fallback;
  }
}
