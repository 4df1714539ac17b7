package io.strata.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

  private static final long INGEST = 1_714_557_600_123L;

  /** One event as read back: its kind and a copy of its bytes. */
  private record Read(int index, byte kind, String text) {}

  private static List<Read> readAll(byte[] value) {
    EventBatchReader reader = new EventBatchReader(value);
    List<Read> events = new ArrayList<>();
    while (reader.next()) {
      events.add(new Read(reader.index(), reader.kind(),
          new String(reader.buffer(), reader.offset(), reader.length(), UTF_8)));
    }
    return events;
  }

  private static void add(EventBatchWriter writer, byte kind, String event) {
    byte[] bytes = event.getBytes(UTF_8);
    writer.add(kind, bytes, 0, bytes.length);
  }

  private static byte[] twoEvents() {
    EventBatchWriter writer = new EventBatchWriter(INGEST, 0);
    add(writer, EventNormalizer.KIND_JSON, "{\"a\":1}");
    add(writer, EventNormalizer.KIND_TEXT, "plain line");
    return writer.finish();
  }

  private static void putInt(byte[] value, int at, int v) {
    value[at] = (byte) (v >>> 24);
    value[at + 1] = (byte) (v >>> 16);
    value[at + 2] = (byte) (v >>> 8);
    value[at + 3] = (byte) v;
  }

  @Test
  void anEventWithAnIdKeepsTheIdBeforeItsBytesAndNormalisesAsWithout() throws Exception {
    EventBatchWriter writer = new EventBatchWriter(INGEST, 0);
    byte[] json = "{\"message\":\"hello\"}".getBytes(UTF_8);
    byte[] text = "plain line".getBytes(UTF_8);
    writer.addWithId(EventNormalizer.KIND_JSON_WITH_ID, "k/1".getBytes(UTF_8), json, 0, json.length);
    writer.addWithId(EventNormalizer.KIND_TEXT_WITH_ID, "k/2".getBytes(UTF_8), text, 0, text.length);

    EventBatchReader reader = new EventBatchReader(writer.finish());
    List<String> ids = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    EventNormalizer normalizer = new EventNormalizer(Long.MAX_VALUE);
    while (reader.next()) {
      assertThat(EventNormalizer.hasId(reader.kind())).isTrue();
      ids.add(DocumentIds.id(reader.buffer(), reader.offset()));
      RecordingSink sink = new RecordingSink();
      normalizer.normalize(reader.kind(), reader.buffer(), reader.offset(), reader.length(), INGEST,
          sink);
      messages.add(sink.message);
    }
    assertThat(ids).containsExactly("k/1", "k/2");
    assertThat(messages).containsExactly("hello", "plain line");
    assertThat(EventNormalizer.withId(EventNormalizer.KIND_TEXT))
        .isEqualTo(EventNormalizer.KIND_TEXT_WITH_ID);
    assertThat(EventNormalizer.withId(EventNormalizer.KIND_JSON))
        .isEqualTo(EventNormalizer.KIND_JSON_WITH_ID);
  }

  @Test
  void readsBackKindsBytesAndIngestTime() {
    byte[] value = twoEvents();

    EventBatchReader reader = new EventBatchReader(value);
    assertThat(reader.ingestedAtMillis()).isEqualTo(INGEST);
    assertThat(reader.count()).isEqualTo(2);
    assertThat(readAll(value)).containsExactly(
        new Read(0, EventNormalizer.KIND_JSON, "{\"a\":1}"),
        new Read(1, EventNormalizer.KIND_TEXT, "plain line"));
  }

  @Test
  void valueIsExactlyHeaderPlusEventsWithoutSlack() {
    byte[] value = twoEvents();

    assertThat(value).hasSize(13 + (5 + 7) + (5 + 10));
  }

  @Test
  void reportsItsSizeAndCountWhileWriting() {
    EventBatchWriter writer = new EventBatchWriter(INGEST, 1024);
    assertThat(writer.sizeInBytes()).isEqualTo(13);
    assertThat(writer.count()).isZero();

    add(writer, EventNormalizer.KIND_TEXT, "12345");

    assertThat(writer.sizeInBytes()).isEqualTo(13 + 5 + 5);
    assertThat(writer.count()).isEqualTo(1);
    assertThat(writer.finish()).hasSize(writer.sizeInBytes());
  }

  @Test
  void copiesOnlyTheGivenSliceOfTheSource() {
    byte[] source = "xx{\"b\":2}yy".getBytes(UTF_8);
    EventBatchWriter writer = new EventBatchWriter(INGEST, 0);

    writer.add(EventNormalizer.KIND_JSON, source, 2, 7);

    assertThat(readAll(writer.finish()))
        .containsExactly(new Read(0, EventNormalizer.KIND_JSON, "{\"b\":2}"));
  }

  @Test
  void keepsEmptyAndNonAsciiEvents() {
    EventBatchWriter writer = new EventBatchWriter(INGEST, 0);
    add(writer, EventNormalizer.KIND_TEXT, "");
    add(writer, EventNormalizer.KIND_TEXT, "héllo ✓ 日本");

    assertThat(readAll(writer.finish())).extracting(Read::text).containsExactly("", "héllo ✓ 日本");
  }

  @Test
  void roundTripsManyEventsGrowingFromATinyBuffer() {
    EventBatchWriter writer = new EventBatchWriter(-42L, 1);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String event = i % 3 == 0 ? "{\"i\":" + i + "}" : "line " + i + " " + "x".repeat(i % 50);
      sent.add(event);
      add(writer, i % 3 == 0 ? EventNormalizer.KIND_JSON : EventNormalizer.KIND_TEXT, event);
    }

    byte[] value = writer.finish();
    List<Read> read = readAll(value);

    assertThat(new EventBatchReader(value).ingestedAtMillis()).isEqualTo(-42L);
    assertThat(read).hasSize(5_000);
    assertThat(read).extracting(Read::text).containsExactlyElementsOf(sent);
    for (Read event : read) {
      assertThat(event.kind()).isEqualTo(
          event.index() % 3 == 0 ? EventNormalizer.KIND_JSON : EventNormalizer.KIND_TEXT);
    }
  }

  @Test
  void readsAnEmptyBatch() {
    EventBatchReader reader = new EventBatchReader(new EventBatchWriter(INGEST, 0).finish());

    assertThat(reader.count()).isZero();
    assertThat(reader.next()).isFalse();
    assertThat(reader.index()).isEqualTo(-1);
  }

  @Test
  void staysAtTheEndOnceAllEventsAreRead() {
    EventBatchReader reader = new EventBatchReader(twoEvents());
    assertThat(reader.next()).isTrue();
    assertThat(reader.next()).isTrue();

    assertThat(reader.next()).isFalse();
    assertThat(reader.next()).isFalse();
    assertThat(reader.index()).isEqualTo(1);
  }

  @Test
  void refusesValuesThatAreNotABatch() {
    assertThatThrownBy(() -> new EventBatchReader(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventBatchReader("hello".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventBatchReader("{\"message\":\"a JSON record\"}".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] otherVersion = twoEvents();
    otherVersion[0] = 2;
    assertThatThrownBy(() -> new EventBatchReader(otherVersion))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAHeaderCutShort() {
    byte[] header = Arrays.copyOf(twoEvents(), 12);

    assertThatThrownBy(() -> new EventBatchReader(header))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesEveryTruncationOfTheEvents() {
    byte[] value = twoEvents();
    for (int length = 13; length < value.length; length++) {
      EventBatchReader reader = new EventBatchReader(Arrays.copyOf(value, length));
      assertThatThrownBy(() -> {
        while (reader.next()) {
          // read until the cut
        }
      }).as("cut at %d", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void refusesACountLargerThanTheEventsPresent() {
    byte[] value = twoEvents();
    putInt(value, 9, 3);
    EventBatchReader reader = new EventBatchReader(value);

    assertThat(reader.next()).isTrue();
    assertThat(reader.next()).isTrue();
    assertThatThrownBy(reader::next)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event 2");
  }

  @Test
  void refusesANegativeEventLength() {
    byte[] value = twoEvents();
    putInt(value, 14, -1);

    assertThatThrownBy(new EventBatchReader(value)::next)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnEventLengthThatWouldOverflowPastTheEnd() {
    byte[] value = twoEvents();
    putInt(value, 14, Integer.MAX_VALUE);

    assertThatThrownBy(new EventBatchReader(value)::next)
        .isInstanceOf(IllegalArgumentException.class);
  }
}
