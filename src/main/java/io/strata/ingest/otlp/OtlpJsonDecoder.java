package io.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
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

  /** A log record as read, or why it cannot be taken. */
  private record Pending(OtlpLogRecord record, String error) {}

  /** A scope with its records, or why none of them can be taken. */
  private record PendingScope(OtlpScope scope, String error, List<Pending> records) {}

  private final JsonParser parser;
  private final OtlpJsonValues values;

  private OtlpJsonDecoder(JsonParser parser) {
    this.parser = parser;
    this.values = new OtlpJsonValues(parser);
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
          values.clearError();
          resource = values.object(token, "resource") ? readResource() : List.of();
          resourceError = values.error();
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
        attributes = values.keyValues(token, "attributes", 0);
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
          values.clearError();
          scope = values.object(token, "scope") ? readScope() : OtlpScope.UNKNOWN;
          scopeError = values.error();
        }
        case "logRecords", "log_records" -> {
          if (token != JsonToken.START_ARRAY) {
            throw new OtlpDecodeException(where + ".logRecords", "must be an array");
          }
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            values.clearError();
            if (token == JsonToken.START_OBJECT) {
              OtlpLogRecord record = readLogRecord();
              String error = values.error();
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
        case "name" -> name = values.string(token, "name");
        case "version" -> version = values.string(token, "version");
        case "attributes" -> attributes = values.keyValues(token, "attributes", 0);
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
        case "timeUnixNano", "time_unix_nano" ->
            time = values.integer(token, "timeUnixNano", true);
        case "observedTimeUnixNano", "observed_time_unix_nano" ->
            observed = values.integer(token, "observedTimeUnixNano", true);
        case "severityNumber", "severity_number" -> severityNumber = values.severityNumber(token);
        case "severityText", "severity_text" ->
            severityText = values.string(token, "severityText");
        case "body" -> body = values.anyValue(token, "body", 0);
        case "attributes" -> attributes = values.keyValues(token, "attributes", 0);
        case "traceId", "trace_id" -> traceId = values.id(token, OtlpIds.TRACE_ID_BYTES);
        case "spanId", "span_id" -> spanId = values.id(token, OtlpIds.SPAN_ID_BYTES);
        case "eventName", "event_name" -> eventName = values.string(token, "eventName");
        default -> parser.skipChildren();
      }
    }
    return new OtlpLogRecord(time, observed, severityNumber, severityText, body, attributes,
        traceId, spanId, eventName);
  }
}
