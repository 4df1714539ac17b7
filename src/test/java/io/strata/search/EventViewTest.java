package io.strata.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventViewTest {

  private static final long INGEST = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
  private static final long AHEAD = Instant.parse("2024-05-04T00:00:00Z").toEpochMilli();

  private static Map<String, Object> view(String json, long indexedMillis) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    EventView view = new EventView(indexedMillis);
    new EventNormalizer(EventNormalizer.NO_FUTURE_LIMIT)
        .normalize(EventNormalizer.KIND_JSON, bytes, 0, bytes.length, INGEST, view);
    return view.fields();
  }

  @Test
  void showsTheTimeAnEventWasIndexedAtAndTheStampItCarriedWhenTheyDiffer() throws IOException {
    Map<String, Object> fields = view("{\"time\":\"2024-05-04T00:00:00Z\",\"msg\":\"x\"}", INGEST);

    assertThat(fields).containsEntry("@timestamp", "2024-05-01T12:00:00.000Z")
        .containsEntry("timestamp_original", "2024-05-04T00:00:00.000Z");
    assertThat(fields.keySet()).startsWith("@timestamp", "ingested_at", "timestamp_original");
  }

  @Test
  void showsTheStampAloneWhenTheEventWasIndexedAtIt() throws IOException {
    Map<String, Object> fields = view("{\"time\":\"2024-05-04T00:00:00.000123Z\"}", AHEAD);

    assertThat(fields).containsEntry("@timestamp", "2024-05-04T00:00:00.000123Z")
        .doesNotContainKey("timestamp_original");
  }
}
