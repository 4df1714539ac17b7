package io.strata.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.ingest.JsonEvents;
import io.strata.testing.LogFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scan's promise: when it dates an event, the date is the normaliser's; when it cannot, it
 * says so rather than guess.
 */
class EventTimeScanTest {

  private static final long INGEST = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
  private static final long INGEST_NANOS = INGEST * 1_000_000L;
  private static final JsonFactory JSON = new JsonFactory();

  private final EventTimeScan scan = new EventTimeScan();
  /** No future limit: the scan reports the stamp as found, the tolerance is applied later. */
  private final EventNormalizer normalizer = new EventNormalizer(EventNormalizer.NO_FUTURE_LIMIT);

  private long object(String json) throws IOException {
    try (JsonParser parser = JSON.createParser(json.getBytes(UTF_8))) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      JsonEvents.countLeaves(parser, scan);
    }
    return scan.objectTime(INGEST);
  }

  private long text(String line) {
    byte[] bytes = line.getBytes(UTF_8);
    return scan.textTime(bytes, 0, bytes.length, INGEST);
  }

  private long normalised(byte kind, String event) throws IOException {
    byte[] bytes = event.getBytes(UTF_8);
    RecordingSink sink = new RecordingSink();
    normalizer.normalize(kind, bytes, 0, bytes.length, INGEST, sink);
    return sink.timestampNanos;
  }

  private static long nanos(String iso) {
    Instant at = Instant.parse(iso);
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  @Test
  void jsonTimesAsTheNormaliserReadsThem() throws IOException {
    List<String> events = List.of(
        "{\"@timestamp\":\"2020-01-02T03:04:05Z\",\"message\":\"a\"}",
        "{\"time\":\"2020-01-02T03:04:05Z\",\"@timestamp\":\"2021-01-02T03:04:05Z\"}",
        "{\"@timestamp\":\"not a time\",\"ts\":1577934245}",
        "{\"ts\":1577934245123}",
        "{\"ts\":1577934245.5}",
        "{\"ts\":123456789012345678901234567890}",
        "{\"time\":true,\"date\":\"2019-05-06\"}",
        "{\"time\":null,\"date\":\"2019-05-06\"}",
        "{\"time\":\"2020-01-01T00:00:00Z\",\"time\":\"2019-01-01T00:00:00Z\"}",
        "{\"message\":\"no time at all\",\"n\":{\"time\":\"2019-01-01T00:00:00Z\"}}",
        "{\"event.time\":\"2018-01-01T00:00:00Z\",\"kubernetes\":{\"pod\":{\"name\":\"x\"}}}",
        "{\"@timestamp\":\"garbage\"}");
    for (String event : events) {
      assertThat(object(event)).as(event)
          .isNotEqualTo(EventTimeScan.UNKNOWN)
          .isEqualTo(normalised(EventNormalizer.KIND_JSON, event));
    }
    assertThat(object(events.get(0))).isEqualTo(nanos("2020-01-02T03:04:05Z"));
    assertThat(object("{\"msg\":\"x\"}")).isEqualTo(INGEST_NANOS);
  }

  @Test
  void jsonTimesNestedOrInArraysAreUnknown() throws IOException {
    assertThat(object("{\"event\":{\"time\":\"2018-01-01T00:00:00Z\"}}"))
        .isEqualTo(EventTimeScan.UNKNOWN);
    assertThat(object("{\"time\":[\"bad\",\"2018-01-01T00:00:00Z\"]}"))
        .isEqualTo(EventTimeScan.UNKNOWN);
    assertThat(object("{\"ts\":{\"sec\":1}}")).isEqualTo(EventTimeScan.UNKNOWN);
    // The scan starts afresh with each object.
    assertThat(object("{\"ts\":1577934245}")).isEqualTo(nanos("2020-01-02T03:04:05Z"));
  }

  @Test
  void textTimesAsTheNormaliserReadsThem() throws IOException {
    List<String> lines = List.of(
        "2020-01-02T03:04:05.123Z INFO started",
        "<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
        "2016-10-06T00:17:09.669794202Z stdout F a container line",
        "2016-10-06T00:17:09.669794202Z stdout F {\"time\":\"2001-01-01T00:00:00Z\"}",
        "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326",
        "2020-01-02 03:04:05,678 ERROR boom\n\tat a.b.C.d(C.java:1)");
    for (String line : lines) {
      assertThat(text(line)).as(line)
          .isNotEqualTo(EventTimeScan.UNKNOWN)
          .isEqualTo(normalised(EventNormalizer.KIND_TEXT, line));
    }
    assertThat(text("ts=2001-01-01T00:00:00Z msg=logfmt")).isEqualTo(EventTimeScan.UNKNOWN);
    assertThat(text("no stamp here")).isEqualTo(EventTimeScan.UNKNOWN);
  }

  /** Every line of the loghub corpus that the scan dates is dated as the normaliser dates it. */
  @Test
  void agreesWithTheNormaliserOnRealLogs() throws IOException {
    int dated = 0;
    int lines = 0;
    for (Path file : LogFixtures.files("loghub")) {
      for (String line : LogFixtures.read(relative(file)).lines().toList()) {
        lines++;
        long time = text(line);
        if (time != EventTimeScan.UNKNOWN) {
          dated++;
          assertThat(time).as(line).isEqualTo(normalised(EventNormalizer.KIND_TEXT, line));
        }
      }
    }
    assertThat(dated).as("dated of %d lines", lines).isGreaterThan(lines / 2);
  }

  private static String relative(Path file) {
    return Path.of("..", "shared", "data").relativize(file).toString();
  }
}
