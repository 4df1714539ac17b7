package io.strata.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

  private static final long INGEST = 1_714_557_600_000L;

  private final IngestLimits limits = new IngestLimits();

  /** 3,000 events of 30–330 bytes, cut into records of at most 64 KB. */
  private List<byte[]> records(Long hint, String idPrefix) {
    limits.recordBytes = 64 * 1024;
    EventRecords records = new EventRecords(limits, INGEST);
    if (hint != null) {
      records.expect(hint);
    }
    if (idPrefix != null) {
      records.identify(idPrefix);
    }
    for (int i = 0; i < 3_000; i++) {
      byte[] event = ("{\"n\":" + i + ",\"m\":\"" + "x".repeat(i % 300) + "\"}").getBytes(UTF_8);
      records.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    return records.finish();
  }

  private static List<String> events(List<byte[]> records) {
    List<String> events = new ArrayList<>();
    for (byte[] record : records) {
      EventBatchReader reader = new EventBatchReader(record);
      assertThat(reader.ingestedAtMillis()).isEqualTo(INGEST);
      while (reader.next()) {
        events.add(reader.kind() + ":"
            + new String(reader.buffer(), reader.offset(), reader.length(), UTF_8));
      }
    }
    return events;
  }

  @Test
  void recordsWrittenInPlaceAreExactlyTheRecordsCopiedAsAdded() {
    for (String idPrefix : new String[] {null, "req-"}) {
      for (int recordEvents : new int[] {1, 7, 8192}) {
        limits.recordEvents = recordEvents;
        List<byte[]> copied = records(null, idPrefix);
        List<byte[]> inPlace = inPlaceRecords(idPrefix);
        assertThat(inPlace).as("ids %s, %d events a record", idPrefix, recordEvents)
            .hasSameSizeAs(copied);
        for (int i = 0; i < copied.size(); i++) {
          assertThat(inPlace.get(i)).as("record %d", i).isEqualTo(copied.get(i));
        }
      }
    }
    limits.recordEvents = 8192;
    assertThat(events(inPlaceRecords(null))).hasSize(3_000);
  }

  @Test
  void writesEachRecordInPlaceAtItsExactSizeFromTheBytesGiven() {
    limits.recordBytes = 64;
    EventRecords records = EventRecords.inPlace(limits, INGEST);
    byte[] body = "{\"a\":1}\n{\"b\":2}".getBytes(UTF_8);
    records.add(EventNormalizer.KIND_JSON, body, 0, 7);
    records.add(EventNormalizer.KIND_JSON, body, 8, 7);
    // The bytes are read when the record is written: the body is the caller's until finish().
    List<byte[]> values = records.finish();
    assertThat(events(values)).containsExactly(EventNormalizer.KIND_JSON + ":{\"a\":1}",
        EventNormalizer.KIND_JSON + ":{\"b\":2}");
    assertThat(values).allSatisfy(value -> assertThat(value.length)
        .isEqualTo(new EventBatchReader(value).count() * 12 + 13));
  }

  /** The 3,000 events of {@link #records}, written in place from one body. */
  private List<byte[]> inPlaceRecords(String idPrefix) {
    limits.recordBytes = 64 * 1024;
    StringBuilder text = new StringBuilder();
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String event = "{\"n\":" + i + ",\"m\":\"" + "x".repeat(i % 300) + "\"}";
      spans.add(new int[] {text.length(), event.length()});
      text.append(event).append('\n');
    }
    byte[] body = text.toString().getBytes(UTF_8);
    EventRecords records = EventRecords.inPlace(limits, INGEST);
    if (idPrefix != null) {
      records.identify(idPrefix);
    }
    for (int[] span : spans) {
      records.add(EventNormalizer.KIND_JSON, body, span[0], span[1]);
    }
    return records.finish();
  }

  @Test
  void theExpectedSizeChangesNoRecord() {
    List<byte[]> unhinted = records(null, null);
    assertThat(unhinted).hasSizeGreaterThan(5);
    for (long hint : new long[] {1, 10_000, 500_000, 100_000_000}) {
      List<byte[]> hinted = records(hint, null);
      assertThat(hinted).as("hint %d", hint).hasSameSizeAs(unhinted);
      for (int i = 0; i < unhinted.size(); i++) {
        assertThat(hinted.get(i)).as("record %d, hint %d", i, hint).isEqualTo(unhinted.get(i));
      }
    }
    assertThat(events(unhinted)).hasSize(3_000);
  }

  @Test
  void recordsStayWithinTheirSizeWithIdsAndAHint() {
    List<byte[]> records = records(500_000L, "req-");
    assertThat(records).allSatisfy(r -> assertThat(r.length).isLessThanOrEqualTo(64 * 1024));
    List<String> events = events(records);
    assertThat(events).hasSize(3_000);
    assertThat(events).allSatisfy(e -> assertThat(e).startsWith(EventNormalizer.KIND_JSON_WITH_ID + ":"));
    assertThat(events.get(2_999)).contains("req-2999").contains("\"n\":2999");
  }
}
