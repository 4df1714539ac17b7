package io.strata.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventNormalizerTest {

  private static final long INGEST = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private final EventNormalizer normalizer = new EventNormalizer();

  private RecordingSink json(String json) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    RecordingSink sink = new RecordingSink();
    normalizer.normalize(EventNormalizer.KIND_JSON, bytes, 0, bytes.length, INGEST, sink);
    return sink;
  }

  private RecordingSink text(String line, long ingestedAtMillis) throws IOException {
    byte[] bytes = line.getBytes(UTF_8);
    RecordingSink sink = new RecordingSink();
    normalizer.normalize(EventNormalizer.KIND_TEXT, bytes, 0, bytes.length, ingestedAtMillis, sink);
    return sink;
  }

  private static long nanos(String iso) {
    Instant instant = Instant.parse(iso);
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Nested
  class Timestamps {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      "{\"@timestamp\":\"2024-03-05T10:15:30Z\"}                  | 2024-03-05T10:15:30Z",
      "{\"timestamp\":\"2024-03-05T10:15:30\"}                    | 2024-03-05T10:15:30Z",
      "{\"time\":\"2024-03-05T10:15:30.123456789+02:00\"}         | 2024-03-05T08:15:30.123456789Z",
      "{\"ts\":\"2024-03-05 10:15:30,250\"}                       | 2024-03-05T10:15:30.250Z",
      "{\"datetime\":\"2024-03-05T10:15:30.5-0130\"}              | 2024-03-05T11:45:30.500Z",
      "{\"date\":\"Tue, 05 Mar 2024 10:15:30 GMT\"}               | 2024-03-05T10:15:30Z",
      "{\"time_local\":\"05/Mar/2024:10:15:30 +0100\"}            | 2024-03-05T09:15:30Z",
      "{\"@t\":\"2024-03-05T10:15:30.1234567Z\"}                  | 2024-03-05T10:15:30.123456700Z",
      "{\"event\":{\"time\":\"2024-03-05T10:15:30Z\"}}            | 2024-03-05T10:15:30Z",
      "{\"ts\":1709633730}                                        | 2024-03-05T10:15:30Z",
      "{\"ts\":1709633730123}                                     | 2024-03-05T10:15:30.123Z",
      "{\"ts\":1709633730123456}                                  | 2024-03-05T10:15:30.123456Z",
      "{\"ts\":1709633730123456789}                               | 2024-03-05T10:15:30.123456789Z",
      "{\"ts\":1709633730.25}                                     | 2024-03-05T10:15:30.250Z",
      "{\"timeMillis\":1709633730123}                             | 2024-03-05T10:15:30.123Z",
      "{\"ts\":\"1709633730\"}                                    | 2024-03-05T10:15:30Z",
      "{\"ts\":\"1709633730123\"}                                 | 2024-03-05T10:15:30.123Z",
      "{\"ts\":\"1709633730.5\"}                                  | 2024-03-05T10:15:30.500Z",
      "{\"ts\":\"1709633730123456789\"}                           | 2024-03-05T10:15:30.123456789Z",
    })
    void readsTheEventTimeFromAliasesAndFormats(String event, String expected) throws IOException {
      RecordingSink sink = json(event);

      assertThat(sink.timestampNanos).isEqualTo(nanos(expected));
      assertThat(sink.timestampCalls).isEqualTo(1);
      assertThat(sink.ingestedAtMillis).isEqualTo(INGEST);
      assertThat(sink.ingestedAtCalls).isEqualTo(1);
    }

    @Test
    void doesNotRepeatTheChosenTimestampAsAnAttribute() throws IOException {
      RecordingSink sink = json("{\"ts\":1709633730,\"message\":\"m\"}");

      assertThat(sink.names()).doesNotContain("ts", "@timestamp");
    }

    @Test
    void prefersAtTimestampOverTimestampWhicheverComesFirst() throws IOException {
      RecordingSink sink =
          json("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"@timestamp\":\"2024-03-05T10:15:30Z\"}");

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
      assertThat(sink.values("timestamp")).containsExactly("2020-01-01T00:00:00Z");
    }

    @Test
    void prefersTimestampOverTime() throws IOException {
      RecordingSink sink =
          json("{\"time\":\"2020-01-01T00:00:00Z\",\"timestamp\":\"2024-03-05T10:15:30Z\"}");

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
      assertThat(sink.values("time")).containsExactly("2020-01-01T00:00:00Z");
    }

    @Test
    void fallsBackToTheNextAliasWhenTheBestOneDoesNotParse() throws IOException {
      RecordingSink sink =
          json("{\"@timestamp\":\"not a time\",\"timestamp\":\"2024-03-05T10:15:30Z\"}");

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
      // "@timestamp" is reserved, so the unparseable value is kept under a renamed attribute.
      assertThat(sink.values("@timestamp_original")).containsExactly("not a time");
      assertThat(sink.names()).doesNotContain("@timestamp", "timestamp");
    }

    @Test
    void skipsEveryUnparseableCandidateBeforeTheOneThatParses() throws IOException {
      RecordingSink sink =
          json("{\"@timestamp\":\"garbage\",\"time\":\"also garbage\",\"ts\":1709633730}");

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
      assertThat(sink.values("@timestamp_original")).containsExactly("garbage");
      assertThat(sink.values("time")).containsExactly("also garbage");
      assertThat(sink.names()).doesNotContain("ts");
    }

    @Test
    void usesTheIngestTimeAndKeepsTheValueWhenNoTimestampParses() throws IOException {
      RecordingSink sink = json("{\"timestamp\":\"soon\",\"time\":true}");

      assertThat(sink.timestampNanos).isEqualTo(INGEST * 1_000_000L);
      assertThat(sink.values("timestamp")).containsExactly("soon");
      assertThat(sink.values("time")).containsExactly(true);
    }

    @Test
    void usesTheIngestTimeWhenThereIsNoTimestamp() throws IOException {
      RecordingSink sink = json("{\"message\":\"no time here\"}");

      assertThat(sink.timestampNanos).isEqualTo(INGEST * 1_000_000L);
      assertThat(sink.ingestedAtMillis).isEqualTo(INGEST);
    }
  }

  @Nested
  class Levels {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      "{\"level\":\"INFO\"}                  | INFO  |",
      "{\"level\":\"info\"}                  | INFO  | info",
      "{\"level\":\"I\"}                     | INFO  | I",
      "{\"severity\":\"warning\"}            | WARN  | warning",
      "{\"loglevel\":\"err\"}                | ERROR | err",
      "{\"levelname\":\"WARNING\"}           | WARN  | WARNING",
      "{\"@l\":\"Warning\"}                  | WARN  | Warning",
      "{\"log\":{\"level\":\"DEBUG\"}}       | DEBUG |",
      "{\"level\":\"fatal\"}                 | FATAL | fatal",
      "{\"level\":30}                        | INFO  | 30",
      "{\"level\":50}                        | ERROR | 50",
      "{\"level\":\"60\"}                    | FATAL | 60",
      "{\"level\":4}                         | WARN  | 4",
      "{\"severity_number\":17}              | ERROR | 17",
      "{\"severityNumber\":9}                | INFO  | 9",
      "{\"severityNumber\":21}               | FATAL | 21",
      "{\"severity_number\":\"17\"}          | ERROR | 17",
      "{\"severity_number\":\"ERROR\"}       | ERROR |",
    })
    void normalisesTheLevelAndKeepsTheOriginalWhenItDiffers(String event, Level level,
        String original) throws IOException {
      RecordingSink sink = json(event);

      assertThat(sink.levelCalls).isEqualTo(1);
      assertThat(sink.level).isEqualTo(level);
      assertThat(sink.levelOriginal).isEqualTo(original);
      // The level stays under the name it was sent with too, unless that name is "level".
      String sent = event.startsWith("{\"log\":") ? "log.level"
          : event.substring(2, event.indexOf('"', 2));
      assertThat(sink.names()).containsExactlyElementsOf(
          sent.equals("level") ? List.of() : List.of(sent));
    }

    @Test
    void prefersSeverityTextOverSeverityNumberAndKeepsTheNumberAsAnAttribute() throws IOException {
      RecordingSink sink = json("{\"severityNumber\":10,\"severityText\":\"Information\"}");

      assertThat(sink.level).isEqualTo(Level.INFO);
      assertThat(sink.levelOriginal).isEqualTo("Information");
      assertThat(sink.values("severityNumber")).containsExactly(10.0);
    }

    @Test
    void prefersLevelOverSeverity() throws IOException {
      RecordingSink sink = json("{\"severity\":\"info\",\"level\":\"ERROR\"}");

      assertThat(sink.level).isEqualTo(Level.ERROR);
      assertThat(sink.levelOriginal).isNull();
      assertThat(sink.values("severity")).containsExactly("info");
    }

    @Test
    void keepsAnUnknownLevelAsTheOriginalOnly() throws IOException {
      RecordingSink sink = json("{\"level\":\"loud\"}");

      assertThat(sink.levelCalls).isEqualTo(1);
      assertThat(sink.level).isNull();
      assertThat(sink.levelOriginal).isEqualTo("loud");
    }

    @Test
    void reportsNoLevelWhenTheEventHasNone() throws IOException {
      assertThat(json("{\"message\":\"m\"}").levelCalls).isZero();
    }
  }

  @Nested
  class Messages {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      "{\"message\":\"hello\"}                | hello",
      "{\"msg\":\"hello\"}                    | hello",
      "{\"log\":\"hello\\n\"}                 | hello",
      "{\"log\":\"hello\\r\\n\"}              | hello",
      "{\"text\":\"hello\"}                   | hello",
      "{\"body\":\"hello\"}                   | hello",
      "{\"@m\":\"hello\"}                     | hello",
      "{\"short_message\":\"hello\"}          | hello",
      "{\"log\":{\"message\":\"hello\"}}      | hello",
      "{\"message\":\"two\\nlines\\n\"}       | 'two\nlines'",
      "{\"message\":42}                       | 42",
    })
    void readsTheMessageFromItsAliases(String event, String expected) throws IOException {
      RecordingSink sink = json(event);

      assertThat(sink.message).isEqualTo(expected.replace("\\n", "\n"));
      assertThat(sink.names()).isEmpty();
    }

    @Test
    void prefersMessageOverMsgAndKeepsTheOtherAsAnAttribute() throws IOException {
      RecordingSink sink = json("{\"msg\":\"second\",\"message\":\"first\"}");

      assertThat(sink.message).isEqualTo("first");
      assertThat(sink.values("msg")).containsExactly("second");
    }

    @Test
    void reportsNoMessageWhenTheEventHasNone() throws IOException {
      assertThat(json("{\"a\":1}").message).isNull();
    }

    @Test
    void normalisesADockerJsonLogLineFromFluentBit() throws IOException {
      // fluent-bit tests/runtime/data/kubernetes/log/core/core_base_fluent-bit.log
      RecordingSink sink = json("{\"log\":\"Fluent Bit is logging\\n\",\"stream\":\"stdout\","
          + "\"time\":\"2019-04-01T17:58:33.598656444Z\"}");

      assertThat(sink.message).isEqualTo("Fluent Bit is logging");
      assertThat(sink.timestampNanos).isEqualTo(nanos("2019-04-01T17:58:33.598656444Z"));
      assertThat(sink.fields).containsExactly(new RecordingSink.Field("stream", "stdout", "stdout"));
    }

    @Test
    void normalisesADockerJsonLogLineFromFilebeat() throws IOException {
      // elastic/beats filebeat/tests/files/logs/docker_corrupted.log, line 2
      RecordingSink sink = json("{\"log\":\"Fetching dependencies...\\n\",\"stream\":\"stdout\","
          + "\"time\":\"2016-03-02T22:59:04.609292428Z\"}");

      assertThat(sink.message).isEqualTo("Fetching dependencies...");
      assertThat(sink.timestampNanos).isEqualTo(nanos("2016-03-02T22:59:04.609292428Z"));
    }
  }

  @Nested
  class WellKnownFields {

    @Test
    void readsWellKnownFieldsFromTheirAliases() throws IOException {
      RecordingSink sink = json("{\"service.name\":\"checkout\",\"hostname\":\"web-1\","
          + "\"env\":\"prod\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
          + "\"spanId\":\"00f067aa0ba902b7\",\"x-request-id\":\"req-1\"}");

      assertThat(sink.fields).contains(
          new RecordingSink.Field("service", "checkout", "checkout"),
          new RecordingSink.Field("host", "web-1", "web-1"),
          new RecordingSink.Field("environment", "prod", "prod"),
          new RecordingSink.Field("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
              "4bf92f3577b34da6a3ce929d0e0e4736"),
          new RecordingSink.Field("span_id", "00f067aa0ba902b7", "00f067aa0ba902b7"),
          new RecordingSink.Field("request_id", "req-1", "req-1"));
    }

    @Test
    void keepsAWellKnownFieldUnderTheNameItWasSentWithToo() throws IOException {
      RecordingSink sink = json("{\"app\":\"checkout\",\"hostname\":\"web-1\",\"env\":\"prod\","
          + "\"traceId\":\"t-1\",\"severity\":\"warning\",\"msg\":\"hi\",\"ts\":1700000000}");

      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("severity", "warning", "warning"),
          new RecordingSink.Field("service", "checkout", "checkout"),
          new RecordingSink.Field("app", "checkout", "checkout"),
          new RecordingSink.Field("host", "web-1", "web-1"),
          new RecordingSink.Field("hostname", "web-1", "web-1"),
          new RecordingSink.Field("environment", "prod", "prod"),
          new RecordingSink.Field("env", "prod", "prod"),
          new RecordingSink.Field("trace_id", "t-1", "t-1"),
          new RecordingSink.Field("traceId", "t-1", "t-1"));
    }

    @Test
    void doesNotRepeatAFieldSentUnderItsModelName() throws IOException {
      RecordingSink sink = json("{\"service\":\"checkout\",\"level\":\"warn\",\"message\":\"m\"}");

      assertThat(sink.fields).containsExactly(new RecordingSink.Field("service", "checkout", "checkout"));
      assertThat(sink.levelOriginal).isEqualTo("warn");
    }

    @Test
    void readsWellKnownFieldsFromNestedObjects() throws IOException {
      RecordingSink sink = json("{\"service\":{\"name\":\"checkout\",\"version\":\"1.2\"},"
          + "\"host\":{\"name\":\"web-1\",\"ip\":\"10.0.0.5\"},\"trace\":{\"id\":\"t-1\"},"
          + "\"deployment\":{\"environment\":\"staging\"}}");

      assertThat(sink.values("service")).containsExactly("checkout");
      assertThat(sink.values("host")).containsExactly("web-1");
      assertThat(sink.values("trace_id")).containsExactly("t-1");
      assertThat(sink.values("environment")).containsExactly("staging");
      assertThat(sink.values("service.version")).containsExactly("1.2");
      assertThat(sink.values("host.ip")).containsExactly("10.0.0.5");
    }

    @Test
    void readsTheServiceFromOtelResourceAndKubernetesMetadata() throws IOException {
      assertThat(json("{\"resource\":{\"service\":{\"name\":\"api\"}}}").values("service"))
          .containsExactly("api");

      RecordingSink k8s =
          json("{\"kubernetes\":{\"container_name\":\"nginx\",\"namespace_name\":\"web\"}}");
      assertThat(k8s.values("service")).containsExactly("nginx");
      assertThat(k8s.values("kubernetes.namespace_name")).containsExactly("web");
    }

    @Test
    void prefersTheBetterRankedAliasAndKeepsTheOtherAsAnAttribute() throws IOException {
      RecordingSink sink = json("{\"app\":\"legacy\",\"service\":\"checkout\","
          + "\"correlation_id\":\"c-1\",\"request_id\":\"r-1\"}");

      assertThat(sink.values("service")).containsExactly("checkout");
      assertThat(sink.values("app")).containsExactly("legacy");
      assertThat(sink.values("request_id")).containsExactly("r-1");
      assertThat(sink.values("correlation_id")).containsExactly("c-1");
    }
  }

  @Nested
  class Attributes {

    @Test
    void flattensNestedObjectsToDottedNames() throws IOException {
      RecordingSink sink = json("{\"http\":{\"request\":{\"method\":\"GET\"},\"status\":500},"
          + "\"user\":{\"id\":\"u1\"}}");

      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("http.request.method", "GET", "GET"),
          new RecordingSink.Field("http.status", 500.0, "500"),
          new RecordingSink.Field("user.id", "u1", "u1"));
    }

    @Test
    void turnsArraysIntoRepeatedFields() throws IOException {
      RecordingSink sink = json("{\"tags\":[\"a\",\"b\"],\"ports\":[80,443],"
          + "\"items\":[{\"id\":1},{\"id\":2}],\"matrix\":[[1,2],[3]],\"empty\":[]}");

      assertThat(sink.values("tags")).containsExactly("a", "b");
      assertThat(sink.values("ports")).containsExactly(80.0, 443.0);
      assertThat(sink.values("items.id")).containsExactly(1.0, 2.0);
      assertThat(sink.values("matrix")).containsExactly(1.0, 2.0, 3.0);
      assertThat(sink.names()).doesNotContain("empty");
    }

    @Test
    void keepsNumbersWithTheTextTheyWereSentAs() throws IOException {
      RecordingSink sink = json("{\"int\":7,\"neg\":-3,\"float\":2.50,\"exp\":1e3,"
          + "\"big\":123456789012345678901234567890}");

      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("int", 7.0, "7"),
          new RecordingSink.Field("neg", -3.0, "-3"),
          new RecordingSink.Field("float", 2.5, "2.50"),
          new RecordingSink.Field("exp", 1000.0, "1e3"),
          new RecordingSink.Field("big", 1.2345678901234568E29, "123456789012345678901234567890"));
    }

    @Test
    void keepsBooleansAndDropsNulls() throws IOException {
      RecordingSink sink = json("{\"ok\":true,\"bad\":false,\"none\":null}");

      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("ok", true, "true"),
          new RecordingSink.Field("bad", false, "false"));
    }

    @Test
    void acceptsAFieldThatIsANumberInOneEventAndAStringInAnother() throws IOException {
      RecordingSink first = json("{\"status\":500}");
      RecordingSink second = json("{\"status\":\"ok\"}");

      assertThat(first.fields).containsExactly(new RecordingSink.Field("status", 500.0, "500"));
      assertThat(second.fields).containsExactly(new RecordingSink.Field("status", "ok", "ok"));
    }

    @Test
    void renamesReservedNamesSentAsAttributes() throws IOException {
      RecordingSink sink = json("{\"message\":\"m\",\"_id\":\"x\",\"ingested_at\":\"y\","
          + "\"level_original\":\"z\",\"_seq\":5,\"_source\":\"s\",\"_ingested\":1}");

      assertThat(sink.names()).containsExactly("_id_original", "ingested_at_original",
          "level_original_original", "_seq_original", "_source_original", "_ingested_original");
      assertThat(sink.values("_seq_original")).containsExactly(5.0);
    }

    @Test
    void renamesTheRestOfARepeatedMessage() throws IOException {
      RecordingSink sink = json("{\"message\":[\"first\",\"second\"]}");

      assertThat(sink.message).isEqualTo("first");
      assertThat(sink.values("message_original")).containsExactly("second");
    }

    @Test
    void reusesTheNormalizerWithoutLeakingFieldsBetweenEvents() throws IOException {
      StringBuilder wide = new StringBuilder("{\"level\":\"warn\",\"msg\":\"wide\"");
      for (int i = 0; i < 100; i++) {
        wide.append(",\"f").append(i).append("\":").append(i);
      }
      RecordingSink first = json(wide.append('}').toString());
      RecordingSink second = json("{\"g\":\"only\"}");

      assertThat(first.fields).hasSize(100);
      assertThat(first.values("f99")).containsExactly(99.0);
      assertThat(second.fields).containsExactly(new RecordingSink.Field("g", "only", "only"));
      assertThat(second.levelCalls).isZero();
      assertThat(second.message).isNull();
    }

    @Test
    void readsTheEventAtItsOffsetInALargerBuffer() throws IOException {
      byte[] buffer = "xx{\"msg\":\"inside\"}{\"msg\":\"after\"}".getBytes(UTF_8);
      RecordingSink sink = new RecordingSink();

      normalizer.normalize(EventNormalizer.KIND_JSON, buffer, 2, 16, INGEST, sink);

      assertThat(sink.message).isEqualTo("inside");
    }

    @Test
    void refusesAnythingButAJsonObject() {
      for (String bad : List.of("[1,2]", "\"text\"", "{\"a\":", "{\"a\" 1}", "not json", "")) {
        assertThatThrownBy(() -> json(bad)).as(bad).isInstanceOf(IOException.class);
      }
    }
  }

  @Nested
  class ContainerWrappers {

    @Test
    void readsTheLineInADockerJsonFileRecordAsPlainText() throws Exception {
      // fluent-bit's kubernetes fixture: an Apache access log line as Docker's json-file wrote it.
      String record = io.strata.testing.LogFixtures.read("fluent-bit-fixtures/tests/runtime/data/"
          + "kubernetes/log/default_apache-logs_apache-logs.log").strip();

      RecordingSink sink = json(record);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2018-02-21T17:26:53.360920913Z"));
      assertThat(sink.message).isEqualTo("20.38.166.115 - - [21/Feb/2018:17:26:53 +0000] \"GET "
          + "/intra-abdominally HTTP/1.0\" 500 2216");
      assertThat(sink.values("stream")).containsExactly("stdout");
      assertThat(sink.values("http.status")).containsExactly(500.0);
      assertThat(sink.values("http.path")).containsExactly("/intra-abdominally");
    }

    @Test
    void takesTheLevelFromTheWrappedLineUnlessTheRecordHasOne() throws IOException {
      RecordingSink plain = json("{\"log\":\"2024-03-05 10:15:30 ERROR pool exhausted\\n\","
          + "\"stream\":\"stderr\",\"time\":\"2024-03-05T10:15:30.5Z\"}");
      RecordingSink labelled = json("{\"log\":\"ERROR in text\",\"level\":\"info\"}");

      assertThat(plain.level).isEqualTo(Level.ERROR);
      assertThat(plain.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30.5Z"));
      assertThat(labelled.level).isEqualTo(Level.INFO);
    }
  }

  @Nested
  class FutureTimestamps {

    private RecordingSink normalize(EventNormalizer normalizer, byte kind, String event)
        throws IOException {
      byte[] bytes = event.getBytes(UTF_8);
      RecordingSink sink = new RecordingSink();
      normalizer.normalize(kind, bytes, 0, bytes.length, INGEST, sink);
      return sink;
    }

    @Test
    void indexesAnEventStampedMoreThanADayAheadAtItsIngestTimeAndKeepsTheStamp()
        throws IOException {
      RecordingSink json = json("{\"@timestamp\":\"2024-05-02T12:00:00.001Z\",\"msg\":\"x\"}");
      RecordingSink text = text("2024-05-03T09:00:00+02:00 INFO skewed clock", INGEST);

      assertThat(json.timestampNanos).isEqualTo(INGEST * 1_000_000L);
      assertThat(json.fields).containsExactly(new RecordingSink.Field(
          EventFields.TIMESTAMP_ORIGINAL, "2024-05-02T12:00:00.001Z", "2024-05-02T12:00:00.001Z"));
      assertThat(text.timestampNanos).isEqualTo(INGEST * 1_000_000L);
      assertThat(text.fields).containsExactly(new RecordingSink.Field(
          EventFields.TIMESTAMP_ORIGINAL, "2024-05-03T07:00:00.000Z", "2024-05-03T07:00:00.000Z"));
    }

    @Test
    void keepsAStampUpToTheToleranceAheadAndAnyStampInThePast() throws IOException {
      RecordingSink dayAhead = json("{\"@timestamp\":\"2024-05-02T12:00:00Z\"}");
      RecordingSink old = json("{\"@timestamp\":\"1995-07-01T04:00:01Z\"}");

      assertThat(dayAhead.timestampNanos).isEqualTo(nanos("2024-05-02T12:00:00Z"));
      assertThat(dayAhead.fields).isEmpty();
      assertThat(old.timestampNanos).isEqualTo(nanos("1995-07-01T04:00:01Z"));
      assertThat(old.fields).isEmpty();
    }

    @Test
    void takesTheToleranceItIsGiven() throws IOException {
      EventNormalizer hour = new EventNormalizer(3_600_000_000_000L);
      EventNormalizer unlimited = new EventNormalizer(EventNormalizer.NO_FUTURE_LIMIT);
      String event = "{\"ts\":\"2024-05-01T13:00:01Z\"}";

      assertThat(normalize(hour, EventNormalizer.KIND_JSON, event).timestampNanos)
          .isEqualTo(INGEST * 1_000_000L);
      assertThat(normalize(unlimited, EventNormalizer.KIND_JSON, event).timestampNanos)
          .isEqualTo(nanos("2024-05-01T13:00:01Z"));
      assertThat(normalize(unlimited, EventNormalizer.KIND_JSON, "{\"ts\":\"2262-01-01T00:00:00Z\"}")
          .fields).isEmpty();
    }
  }

  @Nested
  class PlainText {

    private final long ingestJuly = millis("2024-07-02T08:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      // loghub Hadoop_2k.log
      "2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: "
          + "Created MRAppMaster for application appattempt_1445144423722_0020_000001"
          + "| 2015-10-18T18:01:47.978Z | INFO",
      // loghub Zookeeper_2k.log
      "2015-07-29 19:04:29,071 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@688]"
          + " - Send worker leaving thread | 2015-07-29T19:04:29.071Z | WARN",
      "2024-03-05T10:15:30.123Z ERROR payment failed | 2024-03-05T10:15:30.123Z | ERROR",
      "2024-03-05T10:15:30+01:00 DEBUG cache warm     | 2024-03-05T09:15:30Z     | DEBUG",
      "1709633730 FATAL epoch prefix                  | 2024-03-05T10:15:30Z     | FATAL",
      "1709633730.5 TRACE epoch prefix                | 2024-03-05T10:15:30.5Z   | TRACE",
    })
    void readsALeadingTimestampAndTheLevelFromText(String line, String time, Level level)
        throws IOException {
      RecordingSink sink = text(line, ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos(time));
      assertThat(sink.level).isEqualTo(level);
      assertThat(sink.levelOriginal).isNull();
      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.ingestedAtMillis).isEqualTo(ingestJuly);
    }

    @Test
    void aStackTraceJoinedToItsLineTakesTheTimeAndLevelOfItsFirstLine() throws IOException {
      // As the native API joins a trace sent as separate lines (#13): newlines inside, as sent.
      String trace = """
          2024-07-02 07:59:58,118 ERROR [exec-7] c.e.checkout.PaymentController - failed
          java.lang.IllegalStateException: card declined
          \tat com.example.Foo.bar(Foo.java:42)
          Caused by: java.net.SocketTimeoutException: Read timed out
          \t... 2 more""";
      RecordingSink sink = text(trace, ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-07-02T07:59:58.118Z"));
      assertThat(sink.level).isEqualTo(Level.ERROR);
      assertThat(sink.message).isEqualTo(trace);
      assertThat(sink.fields).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      // elastic-beats-fixtures nasa-6.log
      "199.72.81.55 - - [01/Jul/1995:00:00:01 -0400] \"GET /history/apollo/ HTTP/1.0\" 200 6245"
          + " | 1995-07-01T04:00:01Z",
      "unicomp6.unicomp.net - - [01/Jul/1995:00:00:06 -0400] \"GET /shuttle/countdown/ HTTP/1.0\""
          + " 200 3985 | 1995-07-01T04:00:06Z",
      // elastic-examples-apache_logs
      "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/logstash-monitorama-2013"
          + "/images/kibana-search.png HTTP/1.1\" 200 203023 | 2015-05-17T10:05:03Z",
    })
    void readsTheBracketedTimeOfAnAccessLogLine(String line, String time) throws IOException {
      RecordingSink sink = text(line, ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos(time));
      assertThat(sink.levelCalls).isZero();
      assertThat(sink.message).isEqualTo(line);
    }

    @Test
    void readsASyslogStampWithTheIngestYear() throws IOException {
      // loghub Linux_2k.log: the bracketed pid must not be taken for a time.
      String line = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; "
          + "logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ";

      RecordingSink sink = text(line, ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-06-14T15:16:01Z"));
      assertThat(sink.message).isEqualTo(line);
    }

    @Test
    void readsASyslogStampWithASpacePaddedDay() throws IOException {
      // loghub Mac_2k.log
      String line = "Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: IOThunderboltSwitch<0>(0x0)"
          + "::listenerCallback - Thunderbolt HPD packet for route = 0x0 port = 11 unplug = 0";

      assertThat(text(line, ingestJuly).timestampNanos).isEqualTo(nanos("2024-07-01T09:00:55Z"));
    }

    @Test
    void takesTheYearBeforeForASyslogStampMoreThanADayInTheFuture() throws IOException {
      long newYear = millis("2025-01-01T00:10:00Z");

      assertThat(text("Dec 31 23:59:58 host cron[1]: x", newYear).timestampNanos)
          .isEqualTo(nanos("2024-12-31T23:59:58Z"));
      assertThat(text("Jan  1 00:15:00 host app: slightly ahead", newYear).timestampNanos)
          .isEqualTo(nanos("2025-01-01T00:15:00Z"));
    }

    @Test
    void keepsTheIngestYearUpToExactlyOneDayAhead() throws IOException {
      long ingest = millis("2025-01-01T00:00:00Z");

      assertThat(text("Jan  2 00:00:00 host x", ingest).timestampNanos)
          .isEqualTo(nanos("2025-01-02T00:00:00Z"));
      assertThat(text("Jan  2 00:00:01 host x", ingest).timestampNanos)
          .isEqualTo(nanos("2024-01-02T00:00:01Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      // loghub HPC_2k.log: a leading record number is not an epoch time
      "134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change",
      // loghub Thunderbird_2k.log without its time column: a bracketed pid is not an epoch time
      "dn228 crond(pam_unix)[2915]: session closed for user root",
      // kernel ring buffer: seconds since boot
      "[    5.123456] usb 1-1: new high-speed USB device number 2 using ehci-pci",
      "42 requests served",
      "[-12] offset",
      "worker[3] started",
      "just some words",
    })
    void usesTheIngestTimeWhenTheLineHasNoRecognisableStamp(String line) throws IOException {
      assertThat(text(line, ingestJuly).timestampNanos).isEqualTo(ingestJuly * 1_000_000L);
    }

    @Test
    void readsTheFieldsOfALogfmtLineWithTheAliasesOfJsonAndKeepsTheLineAsTheMessage()
        throws IOException {
      // Go's log/slog text handler
      String line = "time=2024-03-05T10:15:30.250Z level=WARN msg=\"disk low\" app=checkout "
          + "free_mb=512 ratio=0.93 path=/var/lib quoted=\"42\"";

      RecordingSink sink = text(line, ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30.250Z"));
      assertThat(sink.level).isEqualTo(Level.WARN);
      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("service", "checkout", "checkout"),
          new RecordingSink.Field("app", "checkout", "checkout"),
          new RecordingSink.Field("msg", "disk low", "disk low"),
          new RecordingSink.Field("free_mb", 512.0, "512"),
          new RecordingSink.Field("ratio", 0.93, "0.93"),
          new RecordingSink.Field("path", "/var/lib", "/var/lib"),
          new RecordingSink.Field("quoted", "42", "42"));
    }

    @Test
    void prefersTheLeadingStampAndLeavesPairsInFreeTextToTheText() throws IOException {
      // Heroku's router, then loghub Linux_2k.log (pairs after free text are not logfmt).
      RecordingSink router = text("at=info method=GET path=\"/\" host=shop.example status=503",
          ingestJuly);
      RecordingSink pam = text("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication "
          + "failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ", ingestJuly);

      assertThat(router.values("status")).containsExactly(503.0);
      assertThat(router.values("host")).containsExactly("shop.example");
      assertThat(pam.fields).isEmpty();
    }

    @Test
    void readsTheRequestAndStatusOfAnAccessLogLine() throws IOException {
      RecordingSink sink = text("83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET "
          + "/presentations/ HTTP/1.1\" 503 203023 \"-\" \"Mozilla/5.0\"", ingestJuly);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2015-05-17T10:05:03Z"));
      assertThat(sink.values("http.status")).containsExactly(503.0);
      assertThat(sink.values("http.path")).containsExactly("/presentations/");
    }

    @Test
    void tagsATextLineThatBeganLikeJsonAndNoOtherLine() throws IOException {
      RecordingSink broken = text(" {\"log\":\"# linux\\n\",\"stream\":\"stdout\"", ingestJuly);
      RecordingSink bracketed = text("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok",
          ingestJuly);

      assertThat(broken.fields).containsExactly(new RecordingSink.Field(
          EventNormalizer.TAGS, EventNormalizer.JSON_PARSE_FAILURE, EventNormalizer.JSON_PARSE_FAILURE));
      assertThat(bracketed.fields).isEmpty();
    }

    @Test
    void takesOnlyUppercaseLevelWordsFromText() throws IOException {
      assertThat(text("an error occurred while warning", ingestJuly).levelCalls).isZero();
      assertThat(text("user INFOS ERRORS", ingestJuly).levelCalls).isZero();
      assertThat(text("[main] WARNING: low disk", ingestJuly).level).isEqualTo(Level.WARN);
    }

    @Test
    void stripsTheLineEndFromTheMessage() throws IOException {
      RecordingSink sink = text("2024-03-05T10:15:30Z INFO done\r\n", ingestJuly);

      assertThat(sink.message).isEqualTo("2024-03-05T10:15:30Z INFO done");
      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
    }

    @Test
    void acceptsAnEmptyLine() throws IOException {
      RecordingSink sink = text("", ingestJuly);

      assertThat(sink.message).isEmpty();
      assertThat(sink.timestampNanos).isEqualTo(ingestJuly * 1_000_000L);
      assertThat(sink.fields).isEmpty();
    }
  }

  /** Lines as containerd and CRI-O write a container's output (#13). */
  @Nested
  class CriLines {

    @Test
    void unwrapsAFullLineToTheContainersLineAtTheRuntimesStamp() throws IOException {
      // The example of the CRI logging proposal (kubernetes/design-proposals-archive).
      RecordingSink sink = text("2016-10-06T00:17:09.669794202Z stdout F actual log message", INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2016-10-06T00:17:09.669794202Z"));
      assertThat(sink.message).isEqualTo("actual log message");
      assertThat(sink.levelCalls).isZero();
      assertThat(sink.fields).containsExactly(new RecordingSink.Field("stream", "stdout", "stdout"));
    }

    @Test
    void readsTheLevelOfAStderrLineButTakesTheRuntimesStampOverTheLines() throws IOException {
      RecordingSink sink = text("2024-03-05T10:15:30.123456789Z stderr F 2024-03-05 10:15:29,000 "
          + "ERROR [main] c.e.checkout.App - pool exhausted", INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30.123456789Z"));
      assertThat(sink.level).isEqualTo(Level.ERROR);
      assertThat(sink.message)
          .isEqualTo("2024-03-05 10:15:29,000 ERROR [main] c.e.checkout.App - pool exhausted");
      assertThat(sink.values("stream")).containsExactly("stderr");
    }

    @Test
    void readsTheLineInsideLikeAnyOtherLine() throws IOException {
      RecordingSink logfmt = text("2024-03-05T10:15:30+01:00 stdout F level=warn msg=\"disk low\" "
          + "free_mb=512", INGEST);
      RecordingSink access = text("2024-03-05T10:15:30Z stdout F 10.0.0.7 - - [05/Mar/2024:10:15:30 "
          + "+0000] \"GET /health HTTP/1.1\" 503 12", INGEST);

      assertThat(logfmt.timestampNanos).isEqualTo(nanos("2024-03-05T09:15:30Z"));
      assertThat(logfmt.level).isEqualTo(Level.WARN);
      assertThat(logfmt.values("free_mb")).containsExactly(512.0);
      assertThat(logfmt.values("msg")).containsExactly("disk low");
      assertThat(access.values("http.status")).containsExactly(503.0);
      assertThat(access.values("http.path")).containsExactly("/health");
    }

    @Test
    void readsAJsonLineInsideAsAJsonEvent() throws IOException {
      RecordingSink sink = text("2024-03-05T10:15:30.5Z stdout F {\"level\":\"error\","
          + "\"msg\":\"charge failed\",\"service\":\"checkout\",\"order_id\":42,"
          + "\"http\":{\"status\":502},\"ts\":\"2024-03-05T10:15:30.4Z\"}", INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30.5Z"));
      assertThat(sink.level).isEqualTo(Level.ERROR);
      assertThat(sink.message).isEqualTo("charge failed");
      assertThat(sink.values("service")).containsExactly("checkout");
      assertThat(sink.values("order_id")).containsExactly(42.0);
      assertThat(sink.values("http.status")).containsExactly(502.0);
      // The runtime's stamp is the event time; the application's own stays findable.
      assertThat(sink.values("ts")).containsExactly("2024-03-05T10:15:30.4Z");
      assertThat(sink.values("stream")).containsExactly("stdout");
      assertThat(sink.names()).doesNotContain(EventNormalizer.TAGS);
    }

    @Test
    void tagsABrokenJsonLineInsideAndKeepsItAsText() throws IOException {
      RecordingSink sink = text("2024-03-05T10:15:30Z stdout F {\"level\":\"error\",", INGEST);

      assertThat(sink.message).isEqualTo("{\"level\":\"error\",");
      assertThat(sink.values(EventNormalizer.TAGS))
          .containsExactly(EventNormalizer.JSON_PARSE_FAILURE);
      assertThat(sink.values("stream")).containsExactly("stdout");
    }

    @Test
    void joinsTheChunksOfAPartialLineAsTheContainerWroteIt() throws IOException {
      // As the native API stores them (RequestParserTest): the chunks of one line, then its end.
      String chunks = "2024-03-05T10:15:30.100Z stdout P {\"msg\":\"a long \r\n"
          + "2024-03-05T10:15:30.200Z stdout P line\",\"n\"\n"
          + "2024-03-05T10:15:30.300Z stdout F :1}";

      RecordingSink sink = text(chunks, INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30.100Z"));
      assertThat(sink.message).isEqualTo("a long line");
      assertThat(sink.values("n")).containsExactly(1.0);
      assertThat(sink.values("stream")).containsExactly("stdout");
    }

    @Test
    void keepsALineJoinedAfterAFullLineOnALineOfItsOwn() throws IOException {
      String joined = "2024-03-05T10:15:30Z stderr F java.lang.IllegalStateException: boom\n"
          + "\tat com.example.Foo.bar(Foo.java:42)";

      assertThat(text(joined, INGEST).message)
          .isEqualTo("java.lang.IllegalStateException: boom\n\tat com.example.Foo.bar(Foo.java:42)");
    }

    @Test
    void acceptsAnEmptyLineWithOrWithoutItsSpace() throws IOException {
      assertThat(text("2024-03-05T10:15:30Z stdout F ", INGEST).message).isEmpty();
      assertThat(text("2024-03-05T10:15:30Z stdout F", INGEST).message).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "2024-03-05T10:15:30Z stdin F not a stream",
      "2024-03-05T10:15:30Z stdout X not a tag",
      "2024-03-05T10:15:30Z stdout Fx no space after the tag",
      "2024-03-05T25:15:30Z stdout F not a time",
      "2024-03-05T10:15:30Z INFO stdout F words",
    })
    void leavesALineThatIsNotQuiteCriAsItIs(String line) throws IOException {
      RecordingSink sink = text(line, INGEST);

      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.names()).doesNotContain("stream");
    }
  }

  /** A JSON object that ends a plain-text line after a prefix (#13). */
  @Nested
  class JsonAfterAPrefix {

    @Test
    void readsTheObjectAfterALog4jPrefixAndKeepsTheLineAsTheMessage() throws IOException {
      String line = "2024-05-01 12:00:00,123 INFO [main] c.a.Foo - "
          + "{\"user\":\"u1\",\"order_id\":42,\"status\":\"paid\"}";

      RecordingSink sink = text(line, INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-05-01T12:00:00.123Z"));
      assertThat(sink.level).isEqualTo(Level.INFO);
      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("user", "u1", "u1"),
          new RecordingSink.Field("order_id", 42.0, "42"),
          new RecordingSink.Field("status", "paid", "paid"));
    }

    @Test
    void readsTheObjectAfterASyslogPrefix() throws IOException {
      String line = "Dec 10 06:55:46 host app[123]: {\"event\":\"login\",\"ok\":true}  ";

      RecordingSink sink = text(line, INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2023-12-10T06:55:46Z"));
      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.fields).containsExactly(
          new RecordingSink.Field("event", "login", "login"),
          new RecordingSink.Field("ok", true, "true"));
    }

    @Test
    void flattensAndAliasesTheObjectAsAJsonEvent() throws IOException {
      RecordingSink sink = text("2024-05-01 12:00:00 WARN payment retried {\"app\":\"checkout\","
          + "\"level\":\"error\",\"http\":{\"status\":502,\"route\":{\"id\":\"pay\"}},"
          + "\"tags\":[\"a\",\"b\"],\"message\":\"inner\"}", INGEST);

      // A level the object names wins over a word of the text, as a logfmt level= does.
      assertThat(sink.level).isEqualTo(Level.ERROR);
      assertThat(sink.values("service")).containsExactly("checkout");
      assertThat(sink.values("app")).containsExactly("checkout");
      assertThat(sink.values("http.status")).containsExactly(502.0);
      assertThat(sink.values("http.route.id")).containsExactly("pay");
      assertThat(sink.values("tags")).containsExactly("a", "b");
      assertThat(sink.message).startsWith("2024-05-01 12:00:00 WARN payment retried {");
      assertThat(sink.values("message_original")).containsExactly("inner");
    }

    @Test
    void takesTheTimeFromTheObjectWhenTheLineBeginsWithNone() throws IOException {
      RecordingSink sink = text("order placed {\"ts\":\"2024-03-05T10:15:30Z\",\"id\":7}",
          INGEST);

      assertThat(sink.timestampNanos).isEqualTo(nanos("2024-03-05T10:15:30Z"));
      assertThat(sink.values("id")).containsExactly(7.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "2024-05-01 12:00:00 INFO done {\"user\":\"u1\",\"order_id\":",
      "2024-05-01 12:00:00 INFO done {\"user\":\"u1\"} and more",
      "2024-05-01 12:00:00 INFO done {\"user\":\"u1\"}}",
      "2024-05-01 12:00:00 INFO done {user: u1}",
      "user {x} did y",
      "user {x} did {y}",
      "set {}",
    })
    void leavesALineWithoutAWholeObjectAtItsEndAsPlainText(String line) throws IOException {
      RecordingSink sink = text(line, INGEST);

      assertThat(sink.message).isEqualTo(line);
      assertThat(sink.fields).isEmpty();
    }

    @Test
    void findsTheObjectAfterBracesInThePrefix() throws IOException {
      RecordingSink sink = text("user {x} did {\"y\":1}", INGEST);

      assertThat(sink.fields).containsExactly(new RecordingSink.Field("y", 1.0, "1"));
    }

    @Test
    void doesNotLeakTheFieldsOfOneLineIntoTheNext() throws IOException {
      text("done {\"a\":1}", INGEST);
      text("broken {\"b\":", INGEST);

      assertThat(text("plain line", INGEST).fields).isEmpty();
    }
  }

  /** The CRI and embedded JSON readers on real logs, which hold neither (#13). */
  @Nested
  class RealLogs {

    @Test
    void takesNoLineForACriLineOnlyTheObjectThatEndsALineAndCostsLittle() throws Exception {
      List<String> lines = new java.util.ArrayList<>();
      for (java.nio.file.Path file : io.strata.testing.LogFixtures.files("loghub",
          "elastic-examples-apache_logs")) {
        java.nio.file.Files.readString(file, UTF_8).lines().forEach(lines::add);
      }
      CriLine cri = new CriLine();
      EmbeddedJson embedded = new EmbeddedJson();
      EventLeaves leaves = new EventLeaves();
      int braces = 0;
      List<String> withJson = new java.util.ArrayList<>();
      for (String line : lines) {
        assertThat(cri.read(line, 0, line.length())).as(line).isFalse();
        leaves.clear();
        if (embedded.read(line, leaves)) {
          withJson.add(line.substring(line.indexOf('{')));
        }
        braces += line.indexOf('{') >= 0 ? 1 : 0;
      }
      // Of the lines with braces (Android's Intent { ... }, Window{...}, ...), one of Mac_2k.log
      // does end with an object.
      assertThat(withJson)
          .containsExactly("{\"websitekey\":false,\"commandkey\":true,\"browserkey\":true}");
      // Timing, not behaviour: both checks as the normaliser runs them on every plain-text line;
      // apart for the lines without a '{', most lines anywhere.
      List<String> plain = lines.stream().filter(line -> line.indexOf('{') < 0).toList();
      long best = Long.MAX_VALUE;
      long bestPlain = Long.MAX_VALUE;
      int found = 0;
      for (int round = 0; round < 30; round++) {
        long start = System.nanoTime();
        found += checkAll(lines, cri, embedded, leaves);
        long middle = System.nanoTime();
        found += checkAll(plain, cri, embedded, leaves);
        best = Math.min(best, middle - start);
        bestPlain = Math.min(bestPlain, System.nanoTime() - middle);
      }
      System.out.printf("CriLine.read + EmbeddedJson.read: %.1f ns per line over %d real lines, "
          + "%.1f ns over the %d without a '{' (%d)%n", (double) best / lines.size(), lines.size(),
          (double) bestPlain / plain.size(), plain.size(), found);
      assertThat(lines).hasSizeGreaterThan(30_000);
      assertThat(braces).isGreaterThan(100);
    }

    private static int checkAll(List<String> lines, CriLine cri, EmbeddedJson embedded,
        EventLeaves leaves) {
      int found = 0;
      for (String line : lines) {
        leaves.clear();
        found += cri.read(line, 0, line.length()) || embedded.read(line, leaves) ? 1 : 0;
      }
      return found;
    }
  }
}
