package io.strata.ingest.otlp;

import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.EventSink;
import io.strata.pipeline.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first event of Kafka record values as the indexer's normaliser sees it, as a map. */
final class Normalised {

  private Normalised() {}

  static Map<String, Object> first(List<byte[]> records) {
    EventBatchReader reader = new EventBatchReader(records.get(0));
    if (!reader.next()) {
      throw new IllegalArgumentException("no event");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    EventSink sink = new EventSink() {
      @Override
      public void timestamp(long epochNanos) {
        fields.put("@timestamp", epochNanos);
      }

      @Override
      public void ingestedAt(long epochMillis) {}

      @Override
      public void level(Level level, String original) {
        fields.put("level", level == null ? null : level.name());
        if (original != null) {
          fields.put("level_original", original);
        }
      }

      @Override
      public void message(String message) {
        fields.put("message", message);
      }

      @Override
      public void keyword(String field, String value) {
        fields.put(field, value);
      }

      @Override
      public void number(String field, double value, String text) {
        fields.put(field, value);
      }

      @Override
      public void bool(String field, boolean value) {
        fields.put(field, value);
      }
    };
    try {
      new EventNormalizer().normalize(reader.kind(), reader.buffer(), reader.offset(),
          reader.length(), reader.ingestedAtMillis(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
