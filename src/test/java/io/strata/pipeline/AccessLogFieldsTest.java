package io.strata.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.testing.LogFixtures;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AccessLogFieldsTest {

  /** The combined format as a regular expression: the independent reading the parser must match. */
  private static final Pattern COMBINED = Pattern.compile(
      "^(\\S+) \\S+ (\\S+) \\[[^\\]]+\\] \"(\\S+) (.*?) (\\S+)\" (\\d{3}) (\\S+)(?: \"(.*?)\" \"(.*?)\")?$");

  private static RecordingSink emit(String line) {
    RecordingSink sink = new RecordingSink();
    assertThat(AccessLogFields.emit(line, sink)).as(line).isTrue();
    return sink;
  }

  @Test
  void readsEveryLineOfARealApacheAccessLogAsTheCombinedFormatSays() throws Exception {
    // elastic/examples apache_logs: 10,000 lines of a real site in the combined format.
    List<String> lines = LogFixtures.read("elastic-examples-apache_logs/apache_logs").lines().toList();

    assertThat(lines).hasSize(10_000);
    for (String line : lines) {
      Matcher m = COMBINED.matcher(line);
      RecordingSink sink = emit(line);
      if (!m.matches()) {
        // A request line that is not "METHOD path version": only what stands around it counts.
        assertThat(sink.values(AccessLogFields.STATUS)).as(line).hasSize(1);
        continue;
      }
      assertThat(sink.values(AccessLogFields.CLIENT)).as(line).containsExactly(m.group(1));
      assertThat(sink.values(AccessLogFields.METHOD)).as(line).containsExactly(m.group(3));
      assertThat(sink.values(AccessLogFields.PATH)).as(line).containsExactly(m.group(4));
      assertThat(sink.values(AccessLogFields.VERSION)).as(line).containsExactly(m.group(5));
      assertThat(sink.values(AccessLogFields.STATUS)).as(line)
          .containsExactly(Double.parseDouble(m.group(6)));
      if (!m.group(7).equals("-")) {
        assertThat(sink.values(AccessLogFields.BYTES)).as(line)
            .containsExactly(Double.parseDouble(m.group(7)));
      }
      if (m.group(9) != null && !m.group(9).equals("-")) {
        assertThat(sink.values(AccessLogFields.USER_AGENT)).as(line).containsExactly(m.group(9));
      }
    }
  }

  @Test
  void readsTheCommonFormatOfTheNasaLog() throws Exception {
    for (String line : LogFixtures.read("elastic-beats-fixtures/nasa-6.log").lines().toList()) {
      RecordingSink sink = emit(line);
      assertThat(sink.values(AccessLogFields.METHOD)).containsExactly("GET");
      assertThat(sink.names()).doesNotContain(AccessLogFields.REFERRER, AccessLogFields.USER_AGENT);
    }
  }

  @Test
  void readsTheUserTheReferrerTheAgentAndATrailingDuration() {
    RecordingSink sink = emit("10.0.0.7 - alice [06/Dec/2026:09:00:00 +0000] \"POST /api/v1/pay "
        + "HTTP/2.0\" 502 157 \"https://shop.example/cart\" \"curl/8.5.0\" 0.312");

    assertThat(sink.fields).containsExactly(
        new RecordingSink.Field(AccessLogFields.CLIENT, "10.0.0.7", "10.0.0.7"),
        new RecordingSink.Field(AccessLogFields.USER, "alice", "alice"),
        new RecordingSink.Field(AccessLogFields.METHOD, "POST", "POST"),
        new RecordingSink.Field(AccessLogFields.PATH, "/api/v1/pay", "/api/v1/pay"),
        new RecordingSink.Field(AccessLogFields.VERSION, "HTTP/2.0", "HTTP/2.0"),
        new RecordingSink.Field(AccessLogFields.STATUS, 502.0, "502"),
        new RecordingSink.Field(AccessLogFields.BYTES, 157.0, "157"),
        new RecordingSink.Field(AccessLogFields.REFERRER, "https://shop.example/cart",
            "https://shop.example/cart"),
        new RecordingSink.Field(AccessLogFields.USER_AGENT, "curl/8.5.0", "curl/8.5.0"),
        new RecordingSink.Field(AccessLogFields.DURATION, 0.312, "0.312"));
  }

  @Test
  void leavesOtherLinesAlone() {
    for (String line : List.of(
        "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties",
        "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=218.188.2.4",
        "2016/10/19 13:31:03 [error] 1234#0: *5 open() \"/x\" failed (2: No such file)",
        "a b [c] \"unterminated",
        "")) {
      RecordingSink sink = new RecordingSink();
      assertThat(AccessLogFields.emit(line, sink)).as(line).isFalse();
      assertThat(sink.fields).isEmpty();
    }
  }
}
