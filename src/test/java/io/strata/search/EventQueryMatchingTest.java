package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.index.TestEventIndex;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real queries against documents laid out as the indexer writes them: schema and parser together. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventQueryMatchingTest {

  private static final long NOW = Instant.parse("2024-05-01T10:30:00Z").toEpochMilli();
  private static final long INGEST = NOW;

  private static final String E1 = "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"level\":\"error\","
      + "\"service\":\"checkout\",\"message\":\"Payment declined for order 42\","
      + "\"http\":{\"status\":502},\"duration_ms\":812}";
  private static final String E2 = "{\"@timestamp\":\"2024-05-01T10:05:00Z\",\"level\":\"info\","
      + "\"service\":\"checkout\",\"message\":\"Order placed\",\"http\":{\"status\":200},"
      + "\"duration_ms\":120,\"tags\":[\"beta\"]}";
  // http.status sent as a string here, as a number elsewhere: both must index.
  private static final String E3 = "{\"@timestamp\":\"2024-05-01T09:00:00Z\",\"level\":\"warn\","
      + "\"service\":\"cart\",\"msg\":\"Slow response from inventory\","
      + "\"http\":{\"status\":\"503\"},\"duration_ms\":250}";
  // Same time as E1, indexed after it.
  private static final String E4 = "{\"ts\":1714557600,\"severity\":\"ERR\","
      + "\"service\":{\"name\":\"auth\"},\"message\":\"Connection refused\","
      + "\"user\":{\"id\":\"u-17\"},\"tags\":[\"beta\",\"eu\"],"
      + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}";
  // loghub Linux_2k.log, ingested in June 2024.
  private static final String T1 = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication "
      + "failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ";
  // elastic-examples-apache_logs
  private static final String T2 = "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET "
      + "/presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1\" 200 203023";
  // loghub Hadoop_2k.log
  private static final String T3 = "2015-10-18 18:01:47,978 INFO [main] "
      + "org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application "
      + "appattempt_1445144423722_0020_000001";

  private static final List<String> ALL_NEWEST_FIRST = List.of(T1, E2, E4, E1, E3, T3, T2);

  private TestEventIndex index;

  @BeforeAll
  void indexEvents() throws IOException {
    index = new TestEventIndex(new StandardAnalyzer());
    index.addJson(E1, INGEST);
    index.addJson(E2, INGEST);
    index.addJson(E3, INGEST);
    index.addJson(E4, INGEST);
    index.addText(T1, Instant.parse("2024-06-20T00:00:00Z").toEpochMilli());
    index.addText(T2, INGEST);
    index.addText(T3, INGEST);
  }

  @AfterAll
  void close() throws IOException {
    index.close();
  }

  private static EventQueryParser parser() {
    return new EventQueryParser(new StandardAnalyzer(), NOW, TestQueryLimits.defaults());
  }

  private List<String> search(String q) throws IOException {
    return index.search(parser().parseQuery(q));
  }

  private static List<String> events(String names) {
    List<String> events = new ArrayList<>();
    for (String name : names.trim().split("\\s+")) {
      events.add(switch (name) {
        case "E1" -> E1;
        case "E2" -> E2;
        case "E3" -> E3;
        case "E4" -> E4;
        case "T1" -> T1;
        case "T2" -> T2;
        case "T3" -> T3;
        case "-" -> null;
        default -> throw new IllegalArgumentException(name);
      });
    }
    events.removeIf(e -> e == null);
    return events;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "declined                                   | E1",
    "CONNECTION Refused                         | E4",
    "connection declined                        | -",
    "order                                      | E2 E1",
    "\"order placed\"                           | E2",
    "\"placed order\"                           | -",
    "slow inventory                             | E3",
    "service:checkout                           | E2 E1",
    "service:auth                               | E4",
    "service:Checkout                           | -",
    "service:check*                             | E2 E1",
    "level:error                                | E4 E1",
    "level:ERR                                  | E4 E1",
    "level:warning                              | E3",
    "level:info                                 | E2 T3",
    "level_original:ERR                         | E4",
    "http.status:[500 TO 599]                   | E1",
    "http.status:502                            | E1",
    "http.status:503                            | E3",
    "http.status:>=200                          | E2 E1 T2",
    "duration_ms:>250                           | E1",
    "duration_ms:>=250                          | E1 E3",
    "duration_ms:<=250                          | E2 E3",
    "duration_ms:{120 TO 812}                   | E3",
    "@timestamp:[now-1h TO now]                 | E2 E4 E1",
    "@timestamp:{now-30m TO now}                | E2",
    "@timestamp:<2020-01-01T00:00:00Z           | T3 T2",
    "@timestamp:[2015-05-17T00:00:00Z TO 2015-05-18T00:00:00Z] | T2",
    "tags:beta                                  | E2 E4",
    "tags:beta AND tags:eu                      | E4",
    "user.id:u-17                               | E4",
    "trace_id:4bf92f3577b34da6a3ce929d0e0e4736  | E4",
    "trace_id:4BF92F3577B34DA6A3CE929D0E0E4736  | E4",
    "trace_id:4bf9*                             | E4",
    "trace_id:4bf*                              | -",
    "sshd authentication                        | T1",
    "kibana                                     | T2",
    "service:checkout -level:error              | E2",
    "level:error OR level:warn                  | E4 E1 E3",
    "nothing-matches-this                       | -",
  })
  void findsTheRightEventsNewestFirst(String q, String expected) throws IOException {
    assertThat(search(q)).containsExactlyElementsOf(events(expected));
  }

  @Test
  void matchesEveryEventNewestFirstForABlankQuery() throws IOException {
    assertThat(search("")).containsExactlyElementsOf(ALL_NEWEST_FIRST);
  }

  @Test
  void pagesStrictlyAfterTheLastEventWithoutRepeatsOrGaps() throws IOException {
    var query = parser().parseQuery("");
    List<String> seen = new ArrayList<>();
    long[] after = null;
    for (int page = 0; page < 10; page++) {
      TestEventIndex.Page result = index.page(query, 2, after);
      if (result.events().isEmpty()) {
        break;
      }
      seen.addAll(result.events());
      after = new long[] {result.lastTimestampMillis(), result.lastSeq()};
      // The cursor handed to clients carries exactly these two values.
      Cursor cursor = Cursor.decode(new Cursor(after[0], after[1]).encode());
      after = new long[] {cursor.timestampMillis(), cursor.seq()};
    }

    assertThat(seen).containsExactlyElementsOf(ALL_NEWEST_FIRST);
  }
}
