package io.strata.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.testing.LogFixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlainTextTimestampTest {

  /** Ingested in July, so that year-less December stamps belong to the year before. */
  private static final Instant INGEST = Instant.parse("2024-07-02T08:00:00Z");

  private static long find(String line) {
    return PlainTextTimestamp.find(line, INGEST.toEpochMilli());
  }

  private static long find(String line, Instant ingest) {
    return PlainTextTimestamp.find(line, ingest.toEpochMilli());
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static long nanos(String iso) {
    return nanos(Instant.parse(iso));
  }

  /**
   * A loghub file and, from the columns of its {@code _structured.csv} (the loghub authors' own
   * parse of every line), the time each line must be found to carry; java.time does the arithmetic,
   * so the expectation does not share code with what it checks.
   */
  record Format(String system, Function<Map<String, String>, Instant> expected) {
    @Override
    public String toString() {
      return system;
    }
  }

  static Stream<Format> loghubFormats() {
    return Stream.of(
        new Format("Android", row -> yearless(row.get("Date") + " " + row.get("Time"),
            "MM-dd HH:mm:ss.SSS")),
        new Format("Apache", row -> local(row.get("Time"), "EEE MMM dd HH:mm:ss yyyy")),
        // Only lines whose first column is "-": an alert's column holds a word (KERNDTLB, ...).
        new Format("BGL", row -> row.get("Label").equals("-")
            ? Instant.ofEpochSecond(Long.parseLong(row.get("Timestamp"))) : null),
        new Format("HDFS", row -> local(row.get("Date") + " " + row.get("Time"), "yyMMdd HHmmss")),
        new Format("Hadoop", row -> local(row.get("Date") + " " + row.get("Time"),
            "yyyy-MM-dd HH:mm:ss,SSS")),
        new Format("HealthApp", row -> healthApp(row.get("Time"))),
        new Format("Linux", row -> yearless(row.get("Month") + " " + row.get("Date") + " "
            + row.get("Time"), "MMM d HH:mm:ss")),
        new Format("Mac", row -> yearless(row.get("Month") + " " + row.get("Date") + " "
            + row.get("Time"), "MMM d HH:mm:ss")),
        new Format("OpenSSH", row -> yearless(row.get("Date") + " " + row.get("Day") + " "
            + row.get("Time"), "MMM d HH:mm:ss")),
        new Format("Proxifier", row -> yearless(row.get("Time"), "MM.dd HH:mm:ss")),
        new Format("Spark", row -> local(row.get("Date") + " " + row.get("Time"),
            "yy/MM/dd HH:mm:ss")),
        new Format("Thunderbird", row -> Instant.ofEpochSecond(Long.parseLong(row.get("Timestamp")))),
        new Format("Windows", row -> local(row.get("Date") + " " + row.get("Time"),
            "yyyy-MM-dd HH:mm:ss")),
        new Format("Zookeeper", row -> local(row.get("Date") + " " + row.get("Time"),
            "yyyy-MM-dd HH:mm:ss,SSS")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loghubFormats")
  void findsTheTimeOfEveryLineOfARealLogAsItsAuthorsParsedIt(Format format) throws Exception {
    String dir = "loghub/" + format.system() + "/" + format.system() + "_2k.log";
    List<String> lines = LogFixtures.read(dir).lines().toList();
    List<Map<String, String>> rows = csv(LogFixtures.read(dir + "_structured.csv"));

    assertThat(lines).hasSameSizeAs(rows).hasSize(2000);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).stripTrailing();
      Instant expected = format.expected().apply(rows.get(i));
      assertThat(find(line)).as("line %d: %s", i + 1, line)
          .isEqualTo(expected == null ? PlainTextTimestamp.NONE : nanos(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    // RFC 5424 and RFC 3164, with their PRI, as a relay writes them into a file
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - msg"
        + " | 2003-10-11T22:14:15.003Z",
    "<34>Oct 11 22:14:15 mymachine su: 'su root' failed     | 2023-10-11T22:14:15Z",
    "Mar  1 2024 10:00:00 router: %LINK-3-UPDOWN              | 2024-03-01T10:00:00Z",
    // ISO-8601: T or space, dot or comma, zones Z, +hh:mm, +hhmm, -hh, none
    "2024-03-05T10:15:30.123456789+02:00 INFO x               | 2024-03-05T08:15:30.123456789Z",
    "2024-03-05T10:15:30.5-0130 INFO x                        | 2024-03-05T11:45:30.500Z",
    "2024-03-05 10:15:30-05 INFO x                            | 2024-03-05T15:15:30Z",
    "2024-03-05t10:15:30z x                                   | 2024-03-05T10:15:30Z",
    // Python logging with %(asctime)s, and log4j's %d{ISO8601}
    "2024-03-05 10:15:30,250 - app.db - WARNING - slow query  | 2024-03-05T10:15:30.250Z",
    "2024-03-05 10:15:30,250 [main] ERROR com.acme.App - boom | 2024-03-05T10:15:30.250Z",
    // Spring Boot's default
    "2024-03-05T10:15:30.250+01:00  INFO 1 --- [main] o.s.b.StartupInfoLogger : Started"
        + " | 2024-03-05T09:15:30.250Z",
    // Go's log (LstdFlags, and with Lmicroseconds) and nginx's error log
    "2009/11/10 23:00:00 listening on :8080                   | 2009-11-10T23:00:00Z",
    "2009/11/10 23:00:00.123456 main.go:12: listening         | 2009-11-10T23:00:00.123456Z",
    "2016/10/19 13:31:03 [error] 1234#0: *5 open() failed     | 2016-10-19T13:31:03Z",
    // klog/glog, year-less
    "I0325 00:15:15.525108    1234 controller.go:123] synced  | 2024-03-25T00:15:15.525108Z",
    "E1224 09:00:00.000001       7 main.go:9] failed          | 2023-12-24T09:00:00.000001Z",
    // Apache's error log (2.2 and 2.4) and access log, nginx's access log
    "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok  | 2005-12-04T04:47:44Z",
    "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] x"
        + " | 2000-10-11T14:32:52.123456Z",
    "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
        + " | 2000-10-10T20:55:36Z",
    "10/Oct/2000:13:55:36 +0000 GET /                         | 2000-10-10T13:55:36Z",
    // Elasticsearch's own log, RFC 1123 in brackets, epoch seconds in brackets
    "[2018-05-12T20:54:41,123][INFO ][o.e.n.Node] started     | 2018-05-12T20:54:41.123Z",
    "[Tue, 05 Mar 2024 10:15:30 GMT] request done             | 2024-03-05T10:15:30Z",
    "[1709633730.25] tick                                     | 2024-03-05T10:15:30.250Z",
    // Tomcat, dd.MM.yyyy, and epoch millis in a leading column
    "23-Dec-2017 10:15:29.123 INFO [main] o.a.c.Catalina.start | 2017-12-23T10:15:29.123Z",
    "30.10.2016 16:49:06 job done                             | 2016-10-30T16:49:06Z",
    "1709633730123,GET,/health,200                            | 2024-03-05T10:15:30.123Z",
    "1709633730;app;started                                   | 2024-03-05T10:15:30Z",
  })
  void findsTheLeadingTimeOfTheCommonFormats(String line, String expected) {
    assertThat(find(line)).isEqualTo(nanos(expected));
  }

  @Test
  void readsHealthAppStampsWhoseFieldsAreNotPadded() {
    // loghub HealthApp_2k.log: the last field counts milliseconds, so ":9" is 9 ms.
    assertThat(find("20171223-22:16:0:119|Step_LSC|30002312|processHandleBroadcastAction"))
        .isEqualTo(nanos("2017-12-23T22:16:00.119Z"));
    assertThat(find("20171224-0:5:3:9|Step_LSC|30002312|x"))
        .isEqualTo(nanos("2017-12-24T00:05:03.009Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    // logback's default layout: a time of day only, on the ingest day (08:00Z)...
    "07:59:58.123 [main] INFO  com.acme.App - started | 2024-07-02T07:59:58.123Z",
    "19:59:59 [main] INFO ahead by almost 12 hours    | 2024-07-02T19:59:59Z",
    // ... or the day before, when the ingest day would put it more than 12 hours ahead
    "20:00:01 [main] INFO late evening                | 2024-07-01T20:00:01Z",
  })
  void takesTheDayNearestTheIngestTimeForATimeOfDay(String line, String expected) {
    assertThat(find(line)).isEqualTo(nanos(expected));
  }

  @Test
  void takesTheYearThatPutsAYearlessStampInTheMostRecentPast() {
    Instant newYear = Instant.parse("2025-01-01T00:10:00Z");

    assertThat(find("Dec 31 23:59:58 host cron[1]: x", newYear))
        .isEqualTo(nanos("2024-12-31T23:59:58Z"));
    assertThat(find("[12.31 23:59:58] chrome.exe - close", newYear))
        .isEqualTo(nanos("2024-12-31T23:59:58Z"));
    assertThat(find("12-31 23:59:58.000  1702  2395 D WindowManager: x", newYear))
        .isEqualTo(nanos("2024-12-31T23:59:58Z"));
    // Up to a day ahead is still this year: a zone east of UTC, a clock a little ahead.
    assertThat(find("Jan  1 23:00:00 host app: ahead", newYear))
        .isEqualTo(nanos("2025-01-01T23:00:00Z"));
    assertThat(find("I0102 00:10:01.000000 1 x.go:1] more than a day ahead", newYear))
        .isEqualTo(nanos("2024-01-02T00:10:01Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    // loghub HPC_2k.log: a leading record number is not an epoch time
    "134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change",
    // loghub OpenStack_2k.log: the time follows a file name
    "nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute",
    // kernel ring buffer: seconds since boot; pids; counters; words
    "[    5.123456] usb 1-1: new high-speed USB device number 2 using ehci-pci",
    "Jun 14 15:16:01 combo sshd(pam_unix)[19939]x",
    "sshd[19939]: session opened",
    "42 requests served",
    "12345678 rows",
    "1709633730abc is an id",
    "10.30 ms on average",
    "2024-13-05 10:15:30 month 13",
    "2024-02-30T10:15:30Z no such day",
    "25:00:00 no such hour",
    "[-12] offset",
    "[notice] no time",
    "May the fourth be with you",
    "Error 1025: x",
    "<34>",
    "-",
    "''",
  })
  void findsNoTimeWhereThereIsNone(String line) {
    long found = find(line == null ? "" : line);
    if (line != null && line.startsWith("Jun 14")) {
      // A stamp followed by anything is still a stamp.
      assertThat(found).isEqualTo(nanos("2024-06-14T15:16:01Z"));
    } else {
      assertThat(found).as(line).isEqualTo(PlainTextTimestamp.NONE);
    }
  }

  private static Instant local(String text, String pattern) {
    return LocalDateTime.parse(text, formatter(pattern)).toInstant(ZoneOffset.UTC);
  }

  /** The most recent year, a day's slack allowed, for a stamp without one. */
  private static Instant yearless(String text, String pattern) {
    DateTimeFormatter withYear = new DateTimeFormatterBuilder().parseCaseInsensitive()
        .appendPattern(pattern).parseDefaulting(ChronoField.YEAR, 2024).toFormatter(Locale.ROOT);
    LocalDateTime time = LocalDateTime.parse(text, withYear);
    Instant instant = time.toInstant(ZoneOffset.UTC);
    return instant.isAfter(INGEST.plusSeconds(86_400))
        ? time.minusYears(1).toInstant(ZoneOffset.UTC) : instant;
  }

  /** {@code yyyyMMdd-HH:mm:ss:S}, the last field a count of milliseconds without padding. */
  private static Instant healthApp(String text) {
    int colon = text.lastIndexOf(':');
    LocalDate date = LocalDate.parse(text.substring(0, 8), formatter("yyyyMMdd"));
    LocalTime time = LocalTime.parse(text.substring(9, colon), formatter("H:m:s"));
    return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC)
        .plusMillis(Integer.parseInt(text.substring(colon + 1)));
  }

  private static DateTimeFormatter formatter(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
  }

  /** The rows of a CSV text with a header, as column name to value; quotes as RFC 4180 has them. */
  private static List<Map<String, String>> csv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        fields.add(field.toString().stripTrailing());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (!field.isEmpty() || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      Map<String, String> row = new HashMap<>();
      for (int k = 0; k < header.size() && k < record.size(); k++) {
        row.put(header.get(k), record.get(k));
      }
      rows.add(row);
    }
    return rows;
  }
}
