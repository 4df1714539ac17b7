package io.strata.ingest.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.ingest.EventRecords;
import io.strata.ingest.IngestConfig;
import io.strata.ingest.JsonEvents;
import io.strata.pipeline.EventNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the entries of a Loki push into Strata events, one JSON object each, as the native API
 * would receive them: {@code @timestamp} from the entry's nanosecond timestamp, the stream's labels
 * and the entry's structured metadata as fields, and the line as {@code message}. The indexer's
 * normaliser then finds level, service and host under their usual names ({@code level},
 * {@code service_name}, {@code app}, {@code host}, ...).
 *
 * <p>A name that would be written twice is not: structured metadata with the value of the label of
 * the same name is dropped, with another value it becomes {@code <name>_extracted} (Loki's suffix
 * for such clashes), as does a label or metadata named {@code message} or {@code @timestamp}.
 *
 * <p>Caution: not thread-safe; one instance per request.
 */
final class LokiEvents {

  /** How many distinct reasons an answer lists; the count covers all rejected entries. */
  static final int MAX_LISTED_REASONS = 10;

  static final String EXTRACTED_SUFFIX = "_extracted";

  private static final JsonFactory JSON = new JsonFactory();

  /** A name/value pair of structured metadata. */
  record Pair(String name, String value) {}

  /** What became of a push: the records to publish and why entries were refused. */
  record Result(List<byte[]> records, int accepted, int rejected, List<String> reasons) {}

  private final long maxEventBytes;
  private final int maxFields;
  private final EventRecords records;
  private final Buffer out = new Buffer();
  private final List<String> reasons = new ArrayList<>();
  private final Set<String> written = new HashSet<>();
  private final List<Pair> labels = new ArrayList<>();
  private String streamText = "{}";
  private int rejected;

  LokiEvents(IngestConfig config, long ingestedAtMillis) {
    this.maxEventBytes = config.maxEventBytes().asLongValue();
    this.maxFields = config.maxFieldsPerEvent();
    this.records = new EventRecords(config, ingestedAtMillis);
  }

  /** Starts a stream: the following entries carry these labels. */
  void stream(Map<String, String> streamLabels, String text) {
    streamText = text;
    labels.clear();
    for (Map.Entry<String, String> label : streamLabels.entrySet()) {
      String name = label.getKey();
      if (name.equals("message") || name.equals("@timestamp")) {
        name = name + EXTRACTED_SUFFIX;
      }
      labels.add(new Pair(name, label.getValue()));
    }
  }

  /** Adds one entry of the current stream; {@code nanos} is within the second. */
  void entry(long seconds, long nanos, String line, List<Pair> metadata) {
    Instant time;
    try {
      if (nanos < 0 || nanos > 999_999_999L) {
        throw new DateTimeException("nanos out of range");
      }
      time = Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      reject("entry for stream '" + streamText + "' has an invalid timestamp");
      return;
    }
    int fields = 2 + labels.size() + metadata.size();
    String tooMany = JsonEvents.tooManyFields(fields, maxFields);
    if (tooMany != null) {
      reject("entry for stream '" + streamText + "': " + tooMany + " (line, timestamp, labels and"
          + " structured metadata)");
      return;
    }
    out.reset();
    written.clear();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@timestamp", time.toString());
      for (Pair label : labels) {
        g.writeStringField(label.name(), label.value());
        written.add(label.name());
      }
      for (Pair pair : metadata) {
        String name = metadataName(pair);
        if (name != null) {
          g.writeStringField(name, pair.value());
          written.add(name);
        }
      }
      g.writeStringField("message", line);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String tooLarge = JsonEvents.tooLarge(out.size(), maxEventBytes);
    if (tooLarge != null) {
      reject("entry for stream '" + streamText + "': " + tooLarge);
      return;
    }
    records.add(EventNormalizer.KIND_JSON, out.bytes(), 0, out.size());
  }

  /** Refuses one entry (or a part of the body that held {@code count} entries). */
  void reject(String reason) {
    rejected++;
    if (reasons.size() < MAX_LISTED_REASONS && !reasons.contains(reason)) {
      reasons.add(reason);
    }
  }

  /** Refuses the rest of a body that could not be read further. */
  void rejectRest(String reason) {
    reject(reason + " (the rest of the body was not read)");
  }

  Result finish() {
    int accepted = records.count();
    return new Result(records.finish(), accepted, rejected, reasons);
  }

  private String metadataName(Pair pair) {
    String name = pair.name();
    if (name.isEmpty()) {
      return null;
    }
    if (name.equals("message") || name.equals("@timestamp")) {
      name = name + EXTRACTED_SUFFIX;
    }
    for (Pair label : labels) {
      if (label.name().equals(name)) {
        if (label.value().equals(pair.value())) {
          return null;
        }
        name = name + EXTRACTED_SUFFIX;
        break;
      }
    }
    return written.contains(name) ? null : name;
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
