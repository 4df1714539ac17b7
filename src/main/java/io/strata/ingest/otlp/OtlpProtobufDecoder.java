package io.strata.ingest.otlp;

import static io.strata.ingest.ProtobufReader.FIXED64;
import static io.strata.ingest.ProtobufReader.LEN;
import static io.strata.ingest.ProtobufReader.VARINT;

import io.strata.ingest.ProtobufReader;
import io.strata.ingest.ProtobufReader.ProtobufException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a binary protobuf {@code ExportLogsServiceRequest} with {@link ProtobufReader}, over the
 * fields of opentelemetry-proto's {@code logs_service.proto}, {@code logs.proto}, {@code
 * resource.proto} and {@code common.proto} that Strata keeps:
 *
 * <pre>
 * ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
 * ResourceLogs         { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
 * Resource             { repeated KeyValue attributes = 1; }
 * ScopeLogs            { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; }
 * InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
 * LogRecord            { fixed64 time_unix_nano = 1; SeverityNumber severity_number = 2;
 *                        string severity_text = 3; AnyValue body = 5;
 *                        repeated KeyValue attributes = 6; bytes trace_id = 9; bytes span_id = 10;
 *                        fixed64 observed_time_unix_nano = 11; string event_name = 12; }
 * KeyValue             { string key = 1; AnyValue value = 2; }
 * AnyValue             { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
 *                        double double_value = 4; ArrayValue array_value = 5;
 *                        KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
 * ArrayValue           { repeated AnyValue values = 1; }
 * KeyValueList         { repeated KeyValue values = 1; }
 * </pre>
 *
 * Other fields (schema URLs, flags, dropped counts, entity refs) are skipped, as are fields of an
 * unexpected wire type. Bytes that are not a valid message refuse the whole request.
 */
final class OtlpProtobufDecoder {

  private OtlpProtobufDecoder() {}

  /** Decodes {@code body[0..length)} into {@code events}; throws when it is not a valid request. */
  static void decode(byte[] body, int length, OtlpEvents events) {
    ProtobufReader request = new ProtobufReader(body, 0, length);
    String where = "the request";
    try {
      int resourceIndex = 0;
      while (request.hasMore()) {
        int tag = request.tag();
        if (tag == (1 << 3 | LEN)) {
          where = "resourceLogs[" + resourceIndex + "]";
          readResourceLogs(request.message(), where, events);
          resourceIndex++;
        } else {
          request.skip(tag & 7);
        }
      }
    } catch (ProtobufException e) {
      throw new OtlpDecodeException(where, "malformed protobuf: " + e.getMessage());
    }
  }

  private static void readResourceLogs(ProtobufReader resourceLogs, String where,
      OtlpEvents events) throws ProtobufException {
    List<OtlpValue.Attribute> resource = List.of();
    List<ProtobufReader> scopeLogs = new ArrayList<>();
    while (resourceLogs.hasMore()) {
      int tag = resourceLogs.tag();
      switch (tag) {
        case 1 << 3 | LEN -> resource = readResource(resourceLogs.message());
        case 2 << 3 | LEN -> scopeLogs.add(resourceLogs.message());
        default -> resourceLogs.skip(tag & 7);
      }
    }
    for (int s = 0; s < scopeLogs.size(); s++) {
      readScopeLogs(scopeLogs.get(s), where + ".scopeLogs[" + s + "]", resource, events);
    }
  }

  private static List<OtlpValue.Attribute> readResource(ProtobufReader resource)
      throws ProtobufException {
    List<OtlpValue.Attribute> attributes = new ArrayList<>();
    while (resource.hasMore()) {
      int tag = resource.tag();
      if (tag == (1 << 3 | LEN)) {
        attributes.add(readKeyValue(resource.message(), 0));
      } else {
        resource.skip(tag & 7);
      }
    }
    return attributes;
  }

  private static void readScopeLogs(ProtobufReader scopeLogs, String where,
      List<OtlpValue.Attribute> resource, OtlpEvents events) throws ProtobufException {
    OtlpScope scope = OtlpScope.UNKNOWN;
    List<ProtobufReader> records = new ArrayList<>();
    while (scopeLogs.hasMore()) {
      int tag = scopeLogs.tag();
      switch (tag) {
        case 1 << 3 | LEN -> scope = readScope(scopeLogs.message());
        case 2 << 3 | LEN -> records.add(scopeLogs.message());
        default -> scopeLogs.skip(tag & 7);
      }
    }
    for (int i = 0; i < records.size(); i++) {
      events.add(where + ".logRecords[" + i + "]", resource, scope, readLogRecord(records.get(i)));
    }
  }

  private static OtlpScope readScope(ProtobufReader scope) throws ProtobufException {
    String name = "";
    String version = "";
    List<OtlpValue.Attribute> attributes = new ArrayList<>();
    while (scope.hasMore()) {
      int tag = scope.tag();
      switch (tag) {
        case 1 << 3 | LEN -> name = scope.string();
        case 2 << 3 | LEN -> version = scope.string();
        case 3 << 3 | LEN -> attributes.add(readKeyValue(scope.message(), 0));
        default -> scope.skip(tag & 7);
      }
    }
    return new OtlpScope(name, version, attributes);
  }

  private static OtlpLogRecord readLogRecord(ProtobufReader record) throws ProtobufException {
    long time = 0;
    long observed = 0;
    int severityNumber = 0;
    String severityText = "";
    OtlpValue body = null;
    List<OtlpValue.Attribute> attributes = new ArrayList<>();
    String traceId = null;
    String spanId = null;
    String eventName = "";
    while (record.hasMore()) {
      int tag = record.tag();
      switch (tag) {
        case 1 << 3 | FIXED64 -> time = record.fixed64();
        case 2 << 3 | VARINT -> severityNumber = (int) record.varint();
        case 3 << 3 | LEN -> severityText = record.string();
        case 5 << 3 | LEN -> body = readAnyValue(record.message(), 0);
        case 6 << 3 | LEN -> attributes.add(readKeyValue(record.message(), 0));
        case 9 << 3 | LEN -> traceId = OtlpIds.fromBytes(record.bytes(), OtlpIds.TRACE_ID_BYTES);
        case 10 << 3 | LEN -> spanId = OtlpIds.fromBytes(record.bytes(), OtlpIds.SPAN_ID_BYTES);
        case 11 << 3 | FIXED64 -> observed = record.fixed64();
        case 12 << 3 | LEN -> eventName = record.string();
        default -> record.skip(tag & 7);
      }
    }
    return new OtlpLogRecord(time, observed, severityNumber, severityText, body, attributes,
        traceId, spanId, eventName);
  }

  private static OtlpValue.Attribute readKeyValue(ProtobufReader keyValue, int depth)
      throws ProtobufException {
    String key = "";
    OtlpValue value = null;
    while (keyValue.hasMore()) {
      int tag = keyValue.tag();
      switch (tag) {
        case 1 << 3 | LEN -> key = keyValue.string();
        case 2 << 3 | LEN -> value = readAnyValue(keyValue.message(), depth);
        default -> keyValue.skip(tag & 7);
      }
    }
    return new OtlpValue.Attribute(key, value);
  }

  /** An AnyValue; the last of its oneof fields wins, as in protobuf. Null when empty. */
  private static OtlpValue readAnyValue(ProtobufReader any, int depth) throws ProtobufException {
    if (depth > OtlpValue.MAX_DEPTH) {
      throw new ProtobufException("values nested deeper than " + OtlpValue.MAX_DEPTH);
    }
    OtlpValue value = null;
    while (any.hasMore()) {
      int tag = any.tag();
      switch (tag) {
        case 1 << 3 | LEN -> value = new OtlpValue.Text(any.string());
        case 2 << 3 | VARINT -> value = new OtlpValue.Bool(any.varint() != 0);
        case 3 << 3 | VARINT -> value = new OtlpValue.Int(any.varint());
        case 4 << 3 | FIXED64 -> value = new OtlpValue.Real(Double.longBitsToDouble(any.fixed64()));
        case 5 << 3 | LEN -> {
          ProtobufReader array = any.message();
          List<OtlpValue> values = new ArrayList<>();
          while (array.hasMore()) {
            int field = array.tag();
            if (field == (1 << 3 | LEN)) {
              values.add(readAnyValue(array.message(), depth + 1));
            } else {
              array.skip(field & 7);
            }
          }
          value = new OtlpValue.Array(values);
        }
        case 6 << 3 | LEN -> {
          ProtobufReader list = any.message();
          List<OtlpValue.Attribute> entries = new ArrayList<>();
          while (list.hasMore()) {
            int field = list.tag();
            if (field == (1 << 3 | LEN)) {
              entries.add(readKeyValue(list.message(), depth + 1));
            } else {
              list.skip(field & 7);
            }
          }
          value = new OtlpValue.KeyValues(entries);
        }
        case 7 << 3 | LEN -> value = new OtlpValue.Bytes(any.bytes());
        default -> any.skip(tag & 7);
      }
    }
    return value;
  }
}
