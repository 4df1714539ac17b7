package io.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.ingest.EventRecords;
import io.strata.ingest.IngestConfig;
import io.strata.ingest.JsonEvents;
import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns OTLP log records into Strata events, one JSON object each, as the native API would receive
 * them; the indexer's normaliser then finds level, service, host, environment and the ids under
 * these names.
 *
 * <ul>
 *   <li>{@code @timestamp}: {@code time_unix_nano}, or {@code observed_time_unix_nano} when that is
 *       0 (neither: the ingest time).
 *   <li>{@code level}: {@code severity_text} when it names a level (the normaliser keeps it as
 *       {@code level_original} when it differs), else the level of {@code severity_number}
 *       (TRACE..FATAL by its range of four) with the text kept as {@code severity_text}; {@code
 *       severity_number} is kept as such.
 *   <li>{@code message}: a string body as it is; any other body as JSON text (bytes: base64), and a
 *       key/value-list body also as the fields {@code body.<key>}.
 *   <li>{@code trace_id}, {@code span_id}: lowercase hex; {@code event.name}; {@code
 *       otel.scope.name} and {@code otel.scope.version}.
 *   <li>The record's, the scope's and the resource's attributes under their own keys ({@code
 *       service.name}, {@code host.name}, {@code deployment.environment.name} are the normaliser's
 *       aliases of {@code service}, {@code host}, {@code environment}); nested lists become dotted
 *       fields, arrays repeated values.
 * </ul>
 *
 * <p>No name is written twice: an attribute whose key is already taken (by a field above, or by a
 * more specific attribute: the record's before the scope's before the resource's) is written under
 * {@code attributes.}, {@code scope.} or {@code resource.} and its key.
 *
 * <p>Caution: not thread-safe; one instance per request.
 */
final class OtlpEvents {

  /** How many reasons an answer lists; the count covers all rejected records. */
  static final int MAX_LISTED_REASONS = 10;

  private static final JsonFactory JSON = new JsonFactory();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  /** What became of a request: the records to publish and why log records were rejected. */
  record Result(List<byte[]> records, int accepted, int rejected, List<String> reasons) {}

  private final long maxEventBytes;
  private final int maxFields;
  private final EventRecords records;
  private final Buffer out = new Buffer();
  private final Buffer text = new Buffer();
  private final List<String> reasons = new ArrayList<>();
  private final Set<String> written = new HashSet<>();
  private int rejected;

  OtlpEvents(IngestConfig config, long ingestedAtMillis) {
    this.maxEventBytes = config.maxEventBytes().asLongValue();
    this.maxFields = config.maxFieldsPerEvent();
    this.records = new EventRecords(config, ingestedAtMillis);
  }

  /**
   * Adds one log record of the given resource and scope; {@code where} names it in a rejection
   * (e.g. {@code resourceLogs[0].scopeLogs[1].logRecords[7]}).
   */
  void add(String where, List<OtlpValue.Attribute> resource, OtlpScope scope,
      OtlpLogRecord record) {
    out.reset();
    written.clear();
    int fields = 0;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      long time = record.timeUnixNano() > 0 ? record.timeUnixNano()
          : record.observedTimeUnixNano();
      if (time > 0) {
        fields += string(g, "@timestamp", Instant.ofEpochSecond(time / 1_000_000_000L,
            time % 1_000_000_000L).toString());
      }
      fields += severity(g, record);
      OtlpValue body = record.body();
      if (body != null) {
        fields += string(g, "message", messageOf(body));
        if (body instanceof OtlpValue.KeyValues) {
          written.add("body");
          g.writeFieldName("body");
          fields += value(g, body);
        }
      }
      fields += string(g, "trace_id", record.traceId());
      fields += string(g, "span_id", record.spanId());
      fields += string(g, "event.name", record.eventName());
      fields += string(g, "otel.scope.name", scope.name());
      fields += string(g, "otel.scope.version", scope.version());
      fields += attributes(g, record.attributes(), "attributes.");
      fields += attributes(g, scope.attributes(), "scope.");
      fields += attributes(g, resource, "resource.");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String refused = JsonEvents.tooManyFields(fields, maxFields);
    if (refused == null) {
      refused = JsonEvents.tooLarge(out.size(), maxEventBytes);
    }
    if (refused != null) {
      reject(where, refused);
      return;
    }
    records.add(EventNormalizer.KIND_JSON, out.bytes(), 0, out.size());
  }

  /** Refuses one log record. */
  void reject(String where, String reason) {
    rejected++;
    if (reasons.size() < MAX_LISTED_REASONS) {
      reasons.add(where + ": " + reason);
    }
  }

  Result finish() {
    int accepted = records.count();
    return new Result(records.finish(), accepted, rejected, reasons);
  }

  private int severity(JsonGenerator g, OtlpLogRecord record) throws IOException {
    String text = record.severityText();
    Level byNumber = Level.fromOtelSeverityNumber(record.severityNumber());
    int fields = 0;
    if (!text.isEmpty() && (byNumber == null || Level.fromText(text) != null)) {
      fields += string(g, "level", text);
    } else if (byNumber != null) {
      fields += string(g, "level", byNumber.name());
      fields += string(g, "severity_text", text);
    }
    if (record.severityNumber() != 0) {
      written.add("severity_number");
      g.writeNumberField("severity_number", record.severityNumber());
      fields++;
    }
    return fields;
  }

  /** Writes a non-empty string field; returns the number of fields written. */
  private int string(JsonGenerator g, String name, String value) throws IOException {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    written.add(name);
    g.writeStringField(name, value);
    return 1;
  }

  private int attributes(JsonGenerator g, List<OtlpValue.Attribute> attributes, String prefix)
      throws IOException {
    int fields = 0;
    for (OtlpValue.Attribute attribute : attributes) {
      if (attribute.value() == null || attribute.key().isEmpty()) {
        continue;
      }
      String name = attribute.key();
      while (!written.add(name)) {
        name = prefix + name;
      }
      g.writeFieldName(name);
      fields += value(g, attribute.value());
    }
    return fields;
  }

  /** Writes a value as plain JSON; returns the number of its leaves (the fields it becomes). */
  private static int value(JsonGenerator g, OtlpValue value) throws IOException {
    switch (value) {
      case null -> {
        g.writeNull();
        return 0;
      }
      case OtlpValue.Text t -> g.writeString(t.value());
      case OtlpValue.Bool b -> g.writeBoolean(b.value());
      case OtlpValue.Int i -> g.writeNumber(i.value());
      // NaN and the infinities become strings: JSON has no such numbers.
      case OtlpValue.Real d -> g.writeNumber(d.value());
      case OtlpValue.Bytes b -> g.writeString(BASE64.encodeToString(b.value()));
      case OtlpValue.Array a -> {
        int leaves = 0;
        g.writeStartArray();
        for (OtlpValue element : a.values()) {
          leaves += value(g, element);
        }
        g.writeEndArray();
        return leaves;
      }
      case OtlpValue.KeyValues kv -> {
        int leaves = 0;
        g.writeStartObject();
        for (OtlpValue.Attribute entry : kv.values()) {
          if (entry.value() != null) {
            g.writeFieldName(entry.key());
            leaves += value(g, entry.value());
          }
        }
        g.writeEndObject();
        return leaves;
      }
    }
    return 1;
  }

  /** A string body as it is, bytes as base64, anything else as its JSON text. */
  private String messageOf(OtlpValue body) throws IOException {
    return switch (body) {
      case OtlpValue.Text t -> t.value();
      case OtlpValue.Bytes b -> BASE64.encodeToString(b.value());
      default -> {
        text.reset();
        try (JsonGenerator g = JSON.createGenerator(text)) {
          value(g, body);
        }
        yield text.toString(StandardCharsets.UTF_8);
      }
    };
  }

  /** A growable buffer whose bytes can be read without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(4096);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
