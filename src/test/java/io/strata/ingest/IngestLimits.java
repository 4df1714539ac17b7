package io.strata.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.strata.pipeline.EventBatchReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ingest limits for protocol parser tests, and a reader of the events they produce. */
public final class IngestLimits implements IngestConfig {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public long maxEventBytes = 1 << 20;
  public long maxRequestBytes = 32L << 20;
  public int maxFields = 1000;
  public long recordBytes = 1 << 20;
  public int recordEvents = 8192;
  public Duration idempotencyWindow = Duration.ofHours(24);

  @Override
  public MemorySize maxEventBytes() {
    return new MemorySize(BigInteger.valueOf(maxEventBytes));
  }

  @Override
  public MemorySize maxRequestBytes() {
    return new MemorySize(BigInteger.valueOf(maxRequestBytes));
  }

  @Override
  public int maxFieldsPerEvent() {
    return maxFields;
  }

  @Override
  public MemorySize recordBytes() {
    return new MemorySize(BigInteger.valueOf(recordBytes));
  }

  @Override
  public int recordEvents() {
    return recordEvents;
  }

  @Override
  public Duration idempotencyWindow() {
    return idempotencyWindow;
  }

  /** The events packed in {@code records}, each parsed as a JSON object, in order. */
  public static List<Map<String, Object>> events(List<byte[]> records) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (byte[] record : records) {
      EventBatchReader reader = new EventBatchReader(record);
      while (reader.next()) {
        // An event with its sender's document id: the JSON follows the id.
        int start = reader.kind() == io.strata.pipeline.EventNormalizer.KIND_JSON_WITH_ID
            ? io.strata.pipeline.DocumentIds.eventOffset(reader.buffer(), reader.offset())
            : reader.offset();
        try {
          events.add(MAPPER.readValue(reader.buffer(), start,
              reader.length() - (start - reader.offset()),
              new TypeReference<Map<String, Object>>() {}));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return events;
  }
}
