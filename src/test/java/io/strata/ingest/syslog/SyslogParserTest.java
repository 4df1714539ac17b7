package io.strata.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogParserTest {

  private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

  private final SyslogParser parser = new SyslogParser(ZoneId.of("UTC"));

  @Test
  void readsTheRfc5424ExampleWithBomAndNilValues() {
    SyslogMessage m = parser.parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47"
        + " - \uFEFF'su root' failed for lonvick on /dev/pts/8", NOW);
    assertThat(m.facilityName()).isEqualTo("auth");
    assertThat(m.severityName()).isEqualTo("crit");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.timestamp()).isEqualTo("2003-10-11T22:14:15.003Z");
    assertThat(m.hostname()).isEqualTo("mymachine.example.com");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isNull();
    assertThat(m.msgId()).isEqualTo("ID47");
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void keepsMicrosecondsAndOffsetOfAnRfc5424Stamp() {
    SyslogMessage m = parser.parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710"
        + " - - %% It's time to make the do-nuts.", NOW);
    assertThat(m.facilityName()).isEqualTo("local4");
    assertThat(m.severityName()).isEqualTo("notice");
    assertThat(m.timestamp()).isEqualTo("2003-08-24T05:14:15.000003-07:00");
    assertThat(m.procId()).isEqualTo("8710");
    assertThat(m.msgId()).isNull();
    assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
  }

  @Test
  void keepsEveryStructuredDataElementAndParameter() {
    SyslogMessage m = parser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog"
        + " - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
        + "[examplePriority@32473 class=\"high\"]", NOW);
    assertThat(m.structuredData()).containsExactly(
        Map.entry("sd.exampleSDID@32473.iut", List.of("3")),
        Map.entry("sd.exampleSDID@32473.eventSource", List.of("Application")),
        Map.entry("sd.exampleSDID@32473.eventID", List.of("1011")),
        Map.entry("sd.examplePriority@32473.class", List.of("high")));
    assertThat(m.message()).isEmpty();
  }

  @Test
  void unescapesQuoteBackslashAndBracketInParameterValuesOnly() {
    SyslogMessage m = parser.parse("<14>1 - host app - - [x@1 a=\"q\\\"b\\\\c\\]d\\e\" a=\"2\"]"
        + " text [not sd]", NOW);
    assertThat(m.structuredData()).containsExactly(
        Map.entry("sd.x@1.a", List.of("q\"b\\c]d\\e", "2")));
    assertThat(m.timestamp()).isNull();
    assertThat(m.message()).isEqualTo("text [not sd]");
  }

  @Test
  void rejectsBrokenRfc5424Headers() {
    assertThatThrownBy(() -> parser.parse("<14>1 2024-01-01T00:00:00Z host app", NOW))
        .isInstanceOf(SyslogFormatException.class).hasMessageContaining("incomplete");
    assertThatThrownBy(() -> parser.parse("<14>1 - host app - - [x@1 a=\"unterminated]", NOW))
        .isInstanceOf(SyslogFormatException.class).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> parser.parse("<14>1 - host app - - nosd", NOW))
        .isInstanceOf(SyslogFormatException.class).hasMessageContaining("STRUCTURED-DATA");
  }

  @Test
  void rejectsWhatHasNoPriority() {
    assertThatThrownBy(() -> parser.parse("hello world", NOW))
        .isInstanceOf(SyslogFormatException.class).hasMessageContaining("<PRI>");
    assertThatThrownBy(() -> parser.parse("<192>1 - - - - - -", NOW))
        .isInstanceOf(SyslogFormatException.class).hasMessageContaining("191");
    assertThatThrownBy(() -> parser.parse("<1x>Oct 11 22:14:15 host app: m", NOW))
        .isInstanceOf(SyslogFormatException.class);
    assertThatThrownBy(() -> parser.parse("", NOW)).isInstanceOf(SyslogFormatException.class);
  }

  @Test
  void readsTheRfc3164ExampleWithTheYearOfTheReceiveTime() {
    SyslogMessage m = parser.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick"
        + " on /dev/pts/8", NOW);
    assertThat(m.version()).isZero();
    assertThat(m.timestamp()).isEqualTo("2026-10-11T22:14:15Z");
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void takesTheYearBeforeForAStampMoreThanADayAhead() {
    long january = Instant.parse("2027-01-01T00:30:00Z").toEpochMilli();
    assertThat(parser.parse("<13>Dec 31 23:59:58 h app: m", january).timestamp())
        .isEqualTo("2026-12-31T23:59:58Z");
  }

  @Test
  void readsRfc3164StampsInTheListenersZone() {
    SyslogParser berlin = new SyslogParser(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.parse("<13>Jun  4 08:00:00 h app: m", NOW).timestamp())
        .isEqualTo("2026-06-04T08:00:00+02:00");
  }

  @Test
  void splitsTagAndPidOfLoghubLinuxLinesWithCrlf() {
    // loghub Linux_2k.log, sent with a PRI as a syslog daemon forwards it.
    SyslogMessage m = parser.parse("<38>Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication"
        + " failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 \r\n", NOW);
    assertThat(m.facilityName()).isEqualTo("auth");
    assertThat(m.severityName()).isEqualTo("info");
    assertThat(m.timestamp()).isEqualTo("2026-06-14T15:16:01Z");
    assertThat(m.hostname()).isEqualTo("combo");
    assertThat(m.appName()).isEqualTo("sshd(pam_unix)");
    assertThat(m.procId()).isEqualTo("19939");
    assertThat(m.message()).isEqualTo("authentication failure; logname= uid=0 euid=0"
        + " tty=NODEVssh ruser= rhost=218.188.2.4 ");
  }

  @Test
  void treatsATokenEndingInAColonAfterTheStampAsTheTagOfAMessageWithoutHost() {
    SyslogMessage m = parser.parse("<13>Jul  1 09:00:55 kernel: IOThunderboltSwitch", NOW);
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isEqualTo("kernel");
    assertThat(m.message()).isEqualTo("IOThunderboltSwitch");
  }

  @Test
  void keepsTheWholeTextWhenThereIsNoTag() {
    SyslogMessage m = parser.parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!", NOW);
    assertThat(m.hostname()).isEqualTo("10.0.0.99");
    assertThat(m.appName()).isNull();
    assertThat(m.message()).isEqualTo("Use the BFG!");
  }

  @Test
  void takesEverythingAfterThePriorityAsTheMessageWithoutAStamp() {
    SyslogMessage m = parser.parse("<13>just some text: with a colon", NOW);
    assertThat(m.timestamp()).isNull();
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isNull();
    assertThat(m.message()).isEqualTo("just some text: with a colon");
  }

  @Test
  void readsRsyslogsHighPrecisionForwardingFormat() {
    SyslogMessage m = parser.parse("<30>2026-11-27T09:59:58.123456+01:00 web-1 nginx[77]: up", NOW);
    assertThat(m.timestamp()).isEqualTo("2026-11-27T09:59:58.123456+01:00");
    assertThat(m.hostname()).isEqualTo("web-1");
    assertThat(m.appName()).isEqualTo("nginx");
    assertThat(m.procId()).isEqualTo("77");
    assertThat(m.message()).isEqualTo("up");
  }
}
