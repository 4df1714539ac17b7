package io.strata.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.EventSink;
import io.strata.pipeline.Level;
import io.strata.testing.LogFixtures;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  private static final long INGEST = 1_714_557_600_000L;
  private static final byte JSON = EventNormalizer.KIND_JSON;
  private static final byte TEXT = EventNormalizer.KIND_TEXT;

  private record Event(byte kind, String bytes) {}

  /** Defaults roomy enough that a test only tightens the limit it is about. */
  private final IngestLimits limits = new IngestLimits();

  private ParsedRequest lines(String body) {
    byte[] bytes = body.getBytes(UTF_8);
    return new RequestParser(limits, INGEST).parseLines(bytes, bytes.length);
  }

  private ParsedRequest json(String body) {
    byte[] bytes = body.getBytes(UTF_8);
    return new RequestParser(limits, INGEST).parseJson(bytes, bytes.length);
  }

  /** Every event of every record, in order; also checks each record's header. */
  private static List<Event> events(ParsedRequest parsed) {
    List<Event> events = new ArrayList<>();
    for (byte[] record : parsed.records()) {
      EventBatchReader reader = new EventBatchReader(record);
      assertThat(reader.ingestedAtMillis()).isEqualTo(INGEST);
      while (reader.next()) {
        events.add(new Event(reader.kind(),
            new String(reader.buffer(), reader.offset(), reader.length(), UTF_8)));
      }
    }
    assertThat(events).hasSize(parsed.accepted());
    return events;
  }

  private static List<Integer> eventsPerRecord(ParsedRequest parsed) {
    List<Integer> counts = new ArrayList<>();
    for (byte[] record : parsed.records()) {
      counts.add(new EventBatchReader(record).count());
    }
    return counts;
  }

  @Nested
  class Lines {

    @Test
    void keepsEveryGoodLineInOrder() {
      ParsedRequest parsed = lines("{\"a\":1}\n{\"b\":[2,3]}\n");

      assertThat(parsed.accepted()).isEqualTo(2);
      assertThat(parsed.rejected()).isZero();
      assertThat(parsed.errors()).isEmpty();
      assertThat(parsed.records()).hasSize(1);
      assertThat(events(parsed)).containsExactly(
          new Event(JSON, "{\"a\":1}"), new Event(JSON, "{\"b\":[2,3]}"));
    }

    @Test
    void keepsABrokenJsonLineAsTextBetweenItsNeighbours() {
      ParsedRequest parsed = lines("{\"a\":1}\n{\"b\":\n{\"c\":3}\n");

      assertThat(parsed.rejected()).isZero();
      assertThat(parsed.errors()).isEmpty();
      assertThat(events(parsed)).containsExactly(new Event(JSON, "{\"a\":1}"),
          new Event(TEXT, "{\"b\":"), new Event(JSON, "{\"c\":3}"));
    }

    @Test
    void keepsTheCorruptLineOfADockerLogAsText() throws Exception {
      // elastic/beats docker_corrupted.log: real json-file lines, some cut by a crash.
      String log = LogFixtures.read("elastic-beats-fixtures/docker_corrupted.log");
      long lineCount = log.lines().filter(line -> !line.isBlank()).count();

      ParsedRequest parsed = lines(log);

      assertThat(parsed.rejected()).isZero();
      assertThat(events(parsed)).hasSize((int) lineCount)
          .filteredOn(event -> event.kind() == TEXT).isNotEmpty();
    }

    @Test
    void takesOnlyAWholeJsonObjectForAnEventObject() {
      ParsedRequest parsed =
          lines("{\"a\":1} 5\n[1,2]\n{\"a\":1}{\"b\":2}\n{\"a\":1} trailing\n{\"ok\":1}\n");

      assertThat(parsed.errors()).isEmpty();
      assertThat(events(parsed)).containsExactly(new Event(TEXT, "{\"a\":1} 5"),
          new Event(TEXT, "[1,2]"), new Event(TEXT, "{\"a\":1}{\"b\":2}"),
          new Event(TEXT, "{\"a\":1} trailing"), new Event(JSON, "{\"ok\":1}"));
    }

    @Test
    void takesEachLineAsAParserOfItsOwnWould() throws Exception {
      // The JSON lines of a body share one parser. Whatever lies between them or is wrong within
      // them, each line must come out as a parser reading that line alone takes it: an object and
      // its field count, or plain text.
      String[] lines = {"{\"a\":1}", "{\"b\":[2,{\"c\":null}],\"d\":\"x\"}",
          "  {\"e\":true}  ", "{\"f\":", "1}", "{\"a\":1}{\"b\":2}", "{\"a\":1} tail",
          "GET /index.html 200", "", "   ", "{\"g\":\"h\"}\r", "{\"u\":\"\\u00e9 \\\"q\\\"\"}",
          "{bad}", "{\"n\":-1.5e3,\"m\":[],\"o\":{}}", "}", "{", "\t{\"t\":[1,2,3]}\t",
          "{\"a\":1,}", "{\"s\":\"x\"} {", "{\"k\":1,\"l\":2,\"m\":3,\"p\":4}"};
      limits.maxFields = 3;
      Random random = new Random(7);
      for (int round = 0; round < 500; round++) {
        StringBuilder body = new StringBuilder();
        List<Event> expected = new ArrayList<>();
        int tooMany = 0;
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
          String line = lines[random.nextInt(lines.length)];
          body.append(line).append('\n');
          String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
          if (content.isBlank()) {
            continue;
          }
          String object = content.stripLeading();
          int fields = fieldsAlone(object);
          if (fields > limits.maxFields) {
            tooMany++;
          } else if (fields >= 0) {
            expected.add(new Event(JSON, object));
          } else {
            expected.add(new Event(TEXT, content));
          }
        }

        ParsedRequest parsed = lines(body.toString());

        assertThat(events(parsed)).as(body.toString()).isEqualTo(expected);
        assertThat(parsed.rejected()).as(body.toString()).isEqualTo(tooMany);
      }
    }

    /** The leaves of the one object {@code line} holds, read by a parser of its own; -1 if none. */
    private static int fieldsAlone(String line) throws Exception {
      try (JsonParser parser = new JsonFactory().createParser(line.getBytes(UTF_8))) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return -1;
        }
        int fields = JsonEvents.countLeaves(parser);
        return parser.nextToken() == null ? fields : -1;
      } catch (JsonProcessingException e) {
        return -1;
      }
    }

    @Test
    void acceptsEveryLineOfAnApacheErrorLogAndAProxifierLogAsText() throws Exception {
      for (String file : List.of("loghub/Apache/Apache_2k.log", "loghub/Proxifier/Proxifier_2k.log")) {
        ParsedRequest parsed = lines(LogFixtures.read(file));

        assertThat(parsed.rejected()).as(file).isZero();
        assertThat(events(parsed)).as(file).hasSize(2000)
            .allSatisfy(event -> assertThat(event.kind()).isEqualTo(TEXT));
      }
    }

    @Test
    void acceptsPlainTextLinesAsTextEvents() {
      // loghub Linux_2k.log, then a JSON line.
      ParsedRequest parsed = lines("Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; "
          + "user unknown\n{\"msg\":\"json\"}\n  indented text\n");

      assertThat(events(parsed)).containsExactly(
          new Event(TEXT, "Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown"),
          new Event(JSON, "{\"msg\":\"json\"}"),
          new Event(TEXT, "  indented text"));
    }

    @Test
    void acceptsALineThatLostItsOpeningBraceAsText() {
      // elastic-beats-fixtures docker_corrupted.log line 7: it no longer begins like JSON.
      String corrupt = "\"log\":\"cp packetbeat.yml /build/packetbeat-linux.yml\\n\","
          + "\"stream\":\"stdout\",\"time\":\"2016-03-02T22:59:04.647847045Z\"}";

      assertThat(events(lines(corrupt + "\n"))).containsExactly(new Event(TEXT, corrupt));
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() {
      limits.maxFields = 1;

      ParsedRequest parsed = lines("\n   \n{\"a\":1}\n\t\n{\"a\":1,\"b\":2}\n\n");

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(parsed.errors()).extracting(IngestResult.EventError::line).containsExactly(5);
    }

    @Test
    void stripsCarriageReturnsOfCrlfLines() {
      ParsedRequest parsed = lines("{\"a\":1}\r\nplain text\r\n\r\n{oops\r\n");

      assertThat(events(parsed)).containsExactly(
          new Event(JSON, "{\"a\":1}"), new Event(TEXT, "plain text"), new Event(TEXT, "{oops"));
    }

    @Test
    void keepsTheLastLineWithoutAFinalNewline() {
      ParsedRequest parsed = lines("{\"a\":1}\nlast line");

      assertThat(events(parsed)).containsExactly(
          new Event(JSON, "{\"a\":1}"), new Event(TEXT, "last line"));
    }

    @Test
    void skipsAByteOrderMarkBeforeTheFirstObject() {
      ParsedRequest parsed = lines("\uFEFF{\"a\":1}\n");

      assertThat(events(parsed)).containsExactly(new Event(JSON, "{\"a\":1}"));
    }

    @Test
    void acceptsAnEmptyBody() {
      ParsedRequest parsed = lines("");

      assertThat(parsed.accepted()).isZero();
      assertThat(parsed.rejected()).isZero();
      assertThat(parsed.records()).isEmpty();
    }

    @Test
    void rejectsALineOverTheEventSizeLimitOnItsOwn() {
      limits.maxEventBytes = 20;
      String big = "{\"m\":\"" + "x".repeat(20) + "\"}";
      String longText = "y".repeat(21);
      String fits = "z".repeat(20);

      ParsedRequest parsed = lines(big + "\n" + longText + "\n" + fits + "\n");

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(events(parsed)).containsExactly(new Event(TEXT, fits));
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(1, null, "event is 28 bytes; the limit is 20"),
          new IngestResult.EventError(2, null, "event is 21 bytes; the limit is 20"));
    }

    @Test
    void rejectsALineWithTooManyFieldsCountingLeavesButNotNulls() {
      limits.maxFields = 3;

      ParsedRequest parsed = lines("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":true},\"e\":null}\n"
          + "{\"a\":[1,2,3,4]}\n");

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(2, null, "event has 4 fields; the limit is 3"));
    }

    @Test
    void listsAtMostAHundredErrorsButCountsThemAll() {
      limits.maxFields = 1;

      ParsedRequest parsed = lines("{\"a\":1,\"b\":2}\n".repeat(150) + "{\"ok\":1}\n");

      assertThat(parsed.rejected()).isEqualTo(150);
      assertThat(parsed.errors()).hasSize(RequestParser.MAX_LISTED_ERRORS);
      assertThat(parsed.errors().get(99).line()).isEqualTo(100);
      assertThat(parsed.accepted()).isEqualTo(1);
    }

    @Test
    void readsOnlyTheGivenLengthOfTheBuffer() {
      byte[] buffer = "{\"a\":1}\n{\"b\":2}\nignored".getBytes(UTF_8);

      ParsedRequest parsed = new RequestParser(limits, INGEST).parseLines(buffer, 16);

      assertThat(events(parsed)).containsExactly(
          new Event(JSON, "{\"a\":1}"), new Event(JSON, "{\"b\":2}"));
    }
  }

  @Nested
  class JsonBodies {

    @Test
    void acceptsASingleObject() {
      ParsedRequest parsed = json("{\"message\":\"hi\",\"n\":{\"x\":1}}");

      assertThat(events(parsed)).containsExactly(new Event(JSON, "{\"message\":\"hi\",\"n\":{\"x\":1}}"));
    }

    @Test
    void packsEachObjectOfAnArrayWithExactlyItsBytes() {
      ParsedRequest parsed = json("[ {\"a\":\"é✓日本\"} ,\n  {\"b\":[1,{\"c\":2}]}, {}]");

      assertThat(events(parsed)).containsExactly(
          new Event(JSON, "{\"a\":\"é✓日本\"}"),
          new Event(JSON, "{\"b\":[1,{\"c\":2}]}"),
          new Event(JSON, "{}"));
    }

    @Test
    void acceptsSeveralDocumentsInARow() {
      ParsedRequest parsed = json("{\"a\":1}\n[{\"b\":2}]\n{\"c\":3}");

      assertThat(events(parsed)).extracting(Event::bytes)
          .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void skipsAByteOrderMarkBeforeTheBody() {
      ParsedRequest parsed = json("\uFEFF[{\"a\":1},{\"b\":\"é\"}]");

      assertThat(events(parsed)).extracting(Event::bytes).containsExactly("{\"a\":1}", "{\"b\":\"é\"}");
    }

    @Test
    void acceptsAnEmptyOrBlankBody() {
      for (String body : List.of("", "  \n\t", "[]")) {
        ParsedRequest parsed = json(body);
        assertThat(parsed.accepted()).as(body).isZero();
        assertThat(parsed.rejected()).as(body).isZero();
        assertThat(parsed.records()).as(body).isEmpty();
      }
    }

    @Test
    void acceptsStringsInAnArrayAsTextEvents() {
      ParsedRequest parsed = json("[\"plain \\\"quoted\\\" line\", {\"a\":1}, \"caf\\u00e9\"]");

      assertThat(events(parsed)).containsExactly(
          new Event(TEXT, "plain \"quoted\" line"),
          new Event(JSON, "{\"a\":1}"),
          new Event(TEXT, "café"));
    }

    @Test
    void rejectsElementsThatAreNotObjectsWithTheirIndex() {
      ParsedRequest parsed = json("[{\"a\":1},\n42,\n[1,[2]],\nnull,\ntrue,\n{\"b\":2}]");

      assertThat(events(parsed)).extracting(Event::bytes).containsExactly("{\"a\":1}", "{\"b\":2}");
      assertThat(parsed.errors()).extracting(IngestResult.EventError::index)
          .containsExactly(1, 2, 3, 4);
      assertThat(parsed.errors()).extracting(IngestResult.EventError::line)
          .containsExactly(2, 3, 4, 5);
      assertThat(parsed.errors().get(0).reason())
          .isEqualTo("expected a JSON object (or a string of plain text), found VALUE_NUMBER_INT");
      assertThat(parsed.errors().get(1).reason()).endsWith("found START_ARRAY");
    }

    @Test
    void keepsTheEventsBeforeMalformedJsonAndNamesTheBrokenElement() {
      ParsedRequest parsed = json("[{\"a\":1},\n{\"b\":2},\n{\"c\":,\"d\":4},\n{\"e\":5}]");

      assertThat(events(parsed)).extracting(Event::bytes).containsExactly("{\"a\":1}", "{\"b\":2}");
      assertThat(parsed.rejected()).isEqualTo(1);
      assertThat(parsed.errors()).singleElement().satisfies(error -> {
        assertThat(error.index()).isEqualTo(2);
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.reason()).startsWith("malformed JSON at line 3, column ")
            .endsWith("(the rest of the body was not read)");
      });
    }

    @Test
    void reportsMalformedJsonBetweenElementsAtTheNextIndex() {
      ParsedRequest parsed = json("[{\"a\":1} {\"b\":2}]");

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(parsed.errors()).extracting(IngestResult.EventError::index).containsExactly(1);
    }

    @Test
    void keepsTheEventsOfATruncatedArray() {
      ParsedRequest parsed = json("[{\"a\":1},{\"b\":2}");

      assertThat(parsed.accepted()).isEqualTo(2);
      assertThat(parsed.rejected()).isEqualTo(1);
      assertThat(parsed.errors().get(0).reason()).contains("the rest of the body was not read");
    }

    @Test
    void rejectsAnObjectOverTheEventSizeLimitWithItsIndex() {
      limits.maxEventBytes = 20;
      String big = "{\"m\":\"" + "x".repeat(20) + "\"}";

      ParsedRequest parsed = json("[{\"a\":1}," + big + ",\"" + "t".repeat(21) + "\",{\"c\":3}]");

      assertThat(events(parsed)).extracting(Event::bytes).containsExactly("{\"a\":1}", "{\"c\":3}");
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(1, 1, "event is 28 bytes; the limit is 20"),
          new IngestResult.EventError(1, 2, "event is 21 bytes; the limit is 20"));
    }

    @Test
    void rejectsAnObjectWithTooManyFieldsWithItsIndex() {
      limits.maxFields = 2;

      ParsedRequest parsed = json("[{\"a\":1,\"b\":2},{\"a\":1,\"b\":{\"c\":[3,4]}}]");

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(1, 1, "event has 3 fields; the limit is 2"));
    }
  }

  @Nested
  class Records {

    @Test
    void startsANewRecordEveryRecordEventsEvents() {
      limits.recordEvents = 3;
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 7; i++) {
        body.append("event ").append(i).append('\n');
      }

      ParsedRequest parsed = lines(body.toString());

      assertThat(eventsPerRecord(parsed)).containsExactly(3, 3, 1);
      assertThat(events(parsed)).extracting(Event::bytes).containsExactly(
          "event 0", "event 1", "event 2", "event 3", "event 4", "event 5", "event 6");
    }

    @Test
    void keepsEachRecordWithinRecordBytes() {
      // Header 13 bytes, then 5 + 10 per event: three events fill 58 bytes exactly.
      limits.recordBytes = 58;
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        body.append("event-").append(1000 + i).append('\n');
      }

      ParsedRequest parsed = lines(body.toString());

      assertThat(eventsPerRecord(parsed)).containsExactly(3, 3, 3, 1);
      assertThat(parsed.records()).allSatisfy(record -> assertThat(record.length).isLessThanOrEqualTo(58));
      assertThat(parsed.records().get(0)).hasSize(58);
      assertThat(events(parsed)).extracting(Event::bytes).first().isEqualTo("event-1000");
      assertThat(events(parsed)).extracting(Event::bytes).last().isEqualTo("event-1009");
    }

    @Test
    void givesAnEventLargerThanARecordARecordOfItsOwn() {
      limits.recordBytes = 64;
      String large = "L".repeat(100);

      ParsedRequest parsed = json("[\"small\",\"" + large + "\",\"tail\"]");

      assertThat(eventsPerRecord(parsed)).containsExactly(1, 1, 1);
      assertThat(events(parsed)).extracting(Event::bytes).containsExactly("small", large, "tail");
    }

    @Test
    void packsManyEventsIntoFewRecordsWithoutLosingAny() {
      limits.recordBytes = 4096;
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 2_000; i++) {
        body.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
      }

      ParsedRequest parsed = json(body.append(']').toString());

      assertThat(parsed.accepted()).isEqualTo(2_000);
      assertThat(parsed.records().size()).isBetween(5, 10);
      assertThat(parsed.records()).allSatisfy(record -> assertThat(record.length).isLessThanOrEqualTo(4096));
      List<Event> events = events(parsed);
      for (int i = 0; i < 2_000; i++) {
        assertThat(events.get(i).bytes()).isEqualTo("{\"i\":" + i + "}");
      }
    }
  }

  /** The chunks of a long container line, as containerd and CRI-O write them (#13). */
  @Nested
  class CriPartialLines {

    private static final String STARTED = "2024-03-05T10:15:29.000Z stdout F started";
    private static final String CHUNKS = "2024-03-05T10:15:30.100Z stdout P {\"msg\":\"a long \n"
        + "2024-03-05T10:15:30.200Z stdout P line\",\"n\"\n"
        + "2024-03-05T10:15:30.300Z stdout F :1}";
    private static final String NEXT = "2024-03-05T10:15:31.000Z stdout F next";

    @Test
    void joinsThePartialChunksOfALineUpToItsFullChunk() {
      ParsedRequest parsed = lines(STARTED + "\n" + CHUNKS + "\n" + NEXT + "\n");

      assertThat(events(parsed)).containsExactly(new Event(TEXT, STARTED), new Event(TEXT, CHUNKS),
          new Event(TEXT, NEXT));
    }

    @Test
    void theJoinedChunksNormaliseToTheLineTheContainerWrote() throws Exception {
      List<Event> events = events(lines(CHUNKS + "\n"));
      byte[] stored = events.get(0).bytes().getBytes(UTF_8);
      List<String> seen = new ArrayList<>();
      EventSink sink = new EventSink() {
        @Override
        public void timestamp(long epochNanos) {}

        @Override
        public void ingestedAt(long epochMillis) {}

        @Override
        public void level(Level level, String original) {}

        @Override
        public void message(String message) {
          seen.add("message=" + message);
        }

        @Override
        public void keyword(String field, String value) {
          seen.add(field + "=" + value);
        }

        @Override
        public void number(String field, double value, String text) {
          seen.add(field + "=" + text);
        }

        @Override
        public void bool(String field, boolean value) {}
      };

      new EventNormalizer().normalize(TEXT, stored, 0, stored.length, INGEST, sink);

      assertThat(events).hasSize(1);
      assertThat(seen).containsExactly("message=a long line", "n=1", "stream=stdout");
    }

    @Test
    void aLineOfTheOtherStreamOrNotInCriFormatEndsAPartialLine() {
      String stdoutPartial = "2024-03-05T10:15:30Z stdout P half of a";
      String stderrFull = "2024-03-05T10:15:30Z stderr F an error";
      String plain = "2024-03-05 10:15:30 INFO plain";

      ParsedRequest parsed = lines(stdoutPartial + "\n" + stderrFull + "\n" + stdoutPartial + "\n"
          + plain + "\n");

      assertThat(events(parsed)).containsExactly(new Event(TEXT, stdoutPartial),
          new Event(TEXT, stderrFull), new Event(TEXT, stdoutPartial), new Event(TEXT, plain));
    }

    @Test
    void aFullLineIsNeverContinuedByTheNextLine() {
      ParsedRequest parsed = lines(STARTED + "\n" + NEXT + "\n" + STARTED + "\n");

      assertThat(events(parsed)).extracting(Event::bytes).containsExactly(STARTED, NEXT, STARTED);
    }

    @Test
    void aPartialLineOverTheEventSizeLimitBeginsANewEvent() {
      limits.maxEventBytes = 130;
      String chunk = "2024-03-05T10:15:30Z stdout P " + "x".repeat(30); // 60 bytes

      ParsedRequest parsed = lines((chunk + "\n").repeat(4) + NEXT);

      assertThat(parsed.rejected()).isZero();
      assertThat(events(parsed)).extracting(Event::bytes).containsExactly(
          chunk + "\n" + chunk, chunk + "\n" + chunk, NEXT);
    }

    @Test
    void aJsonLineEndsAPartialLine() {
      String chunk = "2024-03-05T10:15:30Z stdout P half";

      ParsedRequest parsed = lines(chunk + "\n{\"a\":1}\n" + NEXT + "\n");

      assertThat(events(parsed)).containsExactly(new Event(TEXT, chunk), new Event(JSON, "{\"a\":1}"),
          new Event(TEXT, NEXT));
    }
  }

  /** Events no class of the tenant's retention keeps are refused, each with its line. */
  @Nested
  class PastRetention {

    /** INGEST is 2024-05-01T10:00Z: with 30 days, the 1st of April is the oldest day kept. */
    private final ArrivalCutoff cutoff = ArrivalCutoff.at(INGEST, 30);
    private static final String REASON = "older than the 30 days this tenant keeps events (retention)";

    private ParsedRequest lines(String body) {
      byte[] bytes = body.getBytes(UTF_8);
      return new RequestParser(limits, INGEST, cutoff).parseLines(bytes, bytes.length);
    }

    @Test
    void refusesOldLinesAndKeepsTheirNeighbours() {
      ParsedRequest parsed = lines("""
          {"@timestamp":"2024-01-01T00:00:00Z","message":"old"}
          {"@timestamp":"2024-05-01T09:00:00Z","message":"fresh"}
          2024-03-31T23:59:59Z old text
          \tat a.b.C.d(C.java:1)
          2024-04-01T00:00:00Z oldest day kept
          no stamp: the indexer decides
          {"message":"no time: ingest time"}
          """);

      assertThat(parsed.rejected()).isEqualTo(2);
      assertThat(parsed.expired()).isEqualTo(2);
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(1, null, REASON),
          new IngestResult.EventError(3, null, REASON));
      assertThat(events(parsed)).extracting(Event::bytes).containsExactly(
          "{\"@timestamp\":\"2024-05-01T09:00:00Z\",\"message\":\"fresh\"}",
          "2024-04-01T00:00:00Z oldest day kept",
          "no stamp: the indexer decides",
          "{\"message\":\"no time: ingest time\"}");
    }

    @Test
    void refusesOldElementsOfAJsonBodyByIndex() {
      byte[] body = ("[{\"ts\":1700000000},\n{\"ts\":1714550000},\"2023-11-14 22:13:20 old\"]")
          .getBytes(UTF_8);

      ParsedRequest parsed = new RequestParser(limits, INGEST, cutoff).parseJson(body, body.length);

      assertThat(parsed.accepted()).isEqualTo(1);
      assertThat(parsed.errors()).containsExactly(
          new IngestResult.EventError(1, 0, REASON), new IngestResult.EventError(2, 2, REASON));
    }

    @Test
    void withoutACutoffNothingIsDated() {
      ParsedRequest parsed = RequestParserTest.this.lines(
          "{\"@timestamp\":\"2000-01-01T00:00:00Z\"}\n2000-01-01T00:00:00Z text\n");

      assertThat(parsed.accepted()).isEqualTo(2);
      assertThat(parsed.expired()).isZero();
    }

    /** Events within retention pass the check unchanged: the same records as without it. */
    @Test
    void eventsWithinRetentionComeOutAsWithoutTheCheck() {
      String json = "{\"@timestamp\":\"2024-05-01T09:00:00.123Z\",\"level\":\"info\","
          + "\"service\":\"checkout\",\"message\":\"order placed\",\"order\":{\"id\":\"a1\","
          + "\"total\":12.5},\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n";
      String text = "2024-05-01 09:00:00,123 INFO  [main] c.e.Checkout - order a1 placed for 12.50\n";
      for (String body : new String[] {json.repeat(100), text.repeat(100)}) {
        byte[] bytes = body.getBytes(UTF_8);
        ParsedRequest without = new RequestParser(limits, INGEST).parseLines(bytes, bytes.length);
        ParsedRequest with = new RequestParser(limits, INGEST, cutoff)
            .parseLines(bytes, bytes.length);
        assertThat(with.accepted()).isEqualTo(100);
        assertThat(with.expired()).isZero();
        assertThat(with.records()).hasSameSizeAs(without.records());
        for (int i = 0; i < with.records().size(); i++) {
          assertThat(with.records().get(i)).isEqualTo(without.records().get(i));
        }
      }
    }
  }
}
