package io.strata.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.index.ParsedFields;
import io.strata.index.ParsingRouting.Outcome;
import io.strata.pipeline.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class GrokPatternTest {

  private static final long INGEST = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();

  @Test
  void capturesNamedFieldsWithTheirTypes() {
    GrokPattern pattern = GrokPattern.compile(
        "%{IPV4:client} %{WORD:method} %{URIPATHPARAM:path} %{INT:status} %{NUMBER:took:string}");
    Matcher m = pattern.regex().matcher("10.1.2.3 GET /api/orders?id=7 503 12.5");
    assertThat(m.find()).isTrue();
    assertThat(pattern.captures()).extracting(GrokPattern.Capture::field)
        .containsExactly("client", "method", "path", "status", "took");
    assertThat(pattern.captures()).extracting(GrokPattern.Capture::type).containsExactly(
        GrokPattern.Type.TEXT, GrokPattern.Type.TEXT, GrokPattern.Type.TEXT,
        GrokPattern.Type.NUMBER, GrokPattern.Type.TEXT);
    assertThat(m.group(pattern.captures().get(2).group())).isEqualTo("/api/orders?id=7");
    assertThat(m.group(pattern.captures().get(3).group())).isEqualTo("503");
  }

  @Test
  void rawNamedGroupsCaptureToo() {
    GrokPattern pattern = GrokPattern.compile("user=(?<user>\\w+) %{GREEDY:rest}");
    assertThat(pattern.captures()).extracting(GrokPattern.Capture::field)
        .containsExactly("user", "rest");
  }

  @Test
  void refusesWhatCannotWorkSayingWhere() {
    assertThatThrownBy(() -> GrokPattern.compile("%{NOPE:x}"))
        .hasMessageContaining("Unknown pattern '%{NOPE}' at offset 0");
    assertThatThrownBy(() -> GrokPattern.compile("a %{WORD:x"))
        .hasMessageContaining("offset 2 is never closed");
    assertThatThrownBy(() -> GrokPattern.compile("%{WORD:bad name}"))
        .hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> GrokPattern.compile("%{WORD:x:date}"))
        .hasMessageContaining("Unknown type 'date'");
    assertThatThrownBy(() -> GrokPattern.compile("(unclosed %{WORD:x}"))
        .hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> GrokPattern.compile(" ")).hasMessageContaining("empty");
  }

  @Test
  void everyLibraryPatternCompiles() {
    GrokLibrary.all().keySet().forEach(name -> GrokPattern.compile("%{" + name + ":f}"));
  }

  @Test
  void theIssuesExampleRuleSetsTimeLevelMessageAndFields() {
    CompiledRule rule = new CompiledRule("app",
        GrokPattern.compile("%{TIMESTAMP:@timestamp} \\[%{WORD:thread}\\] %{LEVEL:level}"
            + " %{GREEDY:message}"), RuleTime.of(null));
    Map<String, Object> fields = new LinkedHashMap<>();
    assertThat(run(rule, "2026-12-05 10:11:12,345 [worker7] WARN disk almost full", fields))
        .isEqualTo(Outcome.PARSED);
    assertThat(fields).containsEntry("@timestamp", Instant.parse("2026-12-05T10:11:12.345Z"))
        .containsEntry("level", Level.WARN).containsEntry("message", "disk almost full")
        .containsEntry("thread", "worker7");
  }

  @Test
  void aTimeFormatReadsTheCapturedStamp() {
    CompiledRule rule = new CompiledRule("t",
        GrokPattern.compile("^%{DATA:@timestamp} \\| %{GREEDY:message}"),
        RuleTime.of("dd.MM.yyyy HH:mm:ss"));
    Map<String, Object> fields = new LinkedHashMap<>();
    assertThat(run(rule, "05.12.2026 23:59:01 | done", fields)).isEqualTo(Outcome.PARSED);
    assertThat(fields).containsEntry("@timestamp", Instant.parse("2026-12-05T23:59:01Z"));
  }

  @Test
  void anUnreadableStampFailsTheRuleAndKeepsNothing() {
    CompiledRule rule = new CompiledRule("t",
        GrokPattern.compile("^%{NOTSPACE:@timestamp} %{WORD:who}"), RuleTime.of("yyyy-MM-dd"));
    Map<String, Object> fields = new LinkedHashMap<>();
    assertThat(run(rule, "yesterday alice", fields)).isEqualTo(Outcome.FAILED);
    assertThat(fields).isEmpty();
  }

  @Test
  void aLineThePatternDoesNotFitIsNoMatch() {
    CompiledRule rule = new CompiledRule("t", GrokPattern.compile("^%{IPV4:ip} "), RuleTime.of(null));
    assertThat(run(rule, "no address here", new LinkedHashMap<>())).isEqualTo(Outcome.NO_MATCH);
  }

  @Test
  void aCatastrophicPatternTimesOutInsteadOfHanging() {
    // Nested greedy repetitions that Java's regex engine cannot memoise: minutes of backtracking.
    CompiledRule rule = new CompiledRule("evil", GrokPattern.compile("(.*a){12}x"),
        RuleTime.of(null));
    String line = "a".repeat(60);
    Matcher matcher = rule.newMatcher();
    long start = System.nanoTime();
    Outcome outcome = rule.apply(line, INGEST, 20_000_000L, matcher, new DeadlineText(),
        new ParsedFields());
    assertThat(outcome).isEqualTo(Outcome.TIMED_OUT);
    // Well under what the backtracking would take (years), whatever the machine's speed.
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void numericCapturesThatAreNotNumbersStayText() {
    ParsedFields parsed = new ParsedFields();
    parsed.field("status", "abc", true);
    parsed.field("bytes", "512", true);
    Map<String, Object> seen = new LinkedHashMap<>();
    parsed.read(new Collect(seen));
    assertThat(seen).containsEntry("status", "abc").containsEntry("bytes", 512.0);
  }

  private static Outcome run(CompiledRule rule, String line, Map<String, Object> into) {
    ParsedFields parsed = new ParsedFields();
    Outcome outcome = rule.apply(line, INGEST, 50_000_000L, rule.newMatcher(), new DeadlineText(),
        parsed);
    if (outcome == Outcome.PARSED) {
      parsed.read(new Collect(into));
    }
    return outcome;
  }

  private record Collect(Map<String, Object> fields) implements ParsedFields.Reader {
    @Override
    public void timestamp(long nanos, long originalNanos) {
      fields.put("@timestamp", Instant.ofEpochSecond(0, nanos));
    }

    @Override
    public void level(Level level, String original) {
      fields.put("level", level);
    }

    @Override
    public void message(String message) {
      fields.put("message", message);
    }

    @Override
    public void keyword(String field, String value) {
      fields.put(field, value);
    }

    @Override
    public void number(String field, double value, String text) {
      fields.put(field, value);
    }
  }
}
