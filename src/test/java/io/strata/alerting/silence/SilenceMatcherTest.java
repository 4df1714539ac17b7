package io.strata.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.infra.http.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceMatcherTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void aSilenceCoversMatchingAlertsWhileInForce() {
    SilenceMatcher silence = new SilenceMatcher("s", List.of("rule_1"),
        Map.of("service", "checkout"), T0, T0.plusSeconds(3600));
    Map<String, String> checkout = Map.of("service", "checkout", "severity", "critical");
    assertThat(silence.covers("rule_1", checkout, T0)).isTrue();
    assertThat(silence.covers("rule_1", checkout, T0.plusSeconds(3599))).isTrue();
    assertThat(silence.covers("rule_1", checkout, T0.plusSeconds(3600))).isFalse();
    assertThat(silence.covers("rule_1", checkout, T0.minusSeconds(1))).isFalse();
    assertThat(silence.covers("rule_2", checkout, T0)).isFalse();
    assertThat(silence.covers("rule_1", Map.of("service", "cart"), T0)).isFalse();
    SilenceMatcher anyRule = new SilenceMatcher("s", List.of(), Map.of("severity", "info"), T0,
        T0.plusSeconds(60));
    assertThat(anyRule.covers("rule_9", Map.of("severity", "info"), T0)).isTrue();
    assertThat(SilenceMatcher.first(List.of(silence, anyRule), "rule_9",
        Map.of("severity", "info"), T0)).isSameAs(anyRule);
  }

  @Test
  void aSilenceNeedsAScopeAnEndAndAReason() {
    assertThat(field(new SilenceRequest(null, null, null, "now+1h", "deploy"))).isEqualTo("rule_ids");
    assertThat(field(new SilenceRequest(List.of("rule_1"), null, null, null, "deploy")))
        .isEqualTo("to");
    assertThat(field(new SilenceRequest(List.of("rule_1"), null, null, "now-1h", "deploy")))
        .isEqualTo("to");
    assertThat(field(new SilenceRequest(List.of("rule_1"), null, null, "now+100d", "deploy")))
        .isEqualTo("to");
    assertThat(field(new SilenceRequest(List.of("rule_1"), null, null, "now+1h", " ")))
        .isEqualTo("comment");
    assertThat(field(new SilenceRequest(null, Map.of("bad name", "x"), null, "now+1h", "c")))
        .isEqualTo("matchers");
    Silence ok = SilenceService.checked(new SilenceRequest(List.of("rule_1"),
        Map.of("service", "checkout"), null, "now+2h", "deploy"), T0);
    assertThat(ok.startsAt).isEqualTo(T0);
    assertThat(ok.endsAt).isEqualTo(T0.plusSeconds(7200));
    assertThat(ok.matcher().covers("rule_1", Map.of("service", "checkout"), T0)).isTrue();
  }

  private static String field(SilenceRequest request) {
    try {
      SilenceService.checked(request, T0);
    } catch (ProblemException e) {
      return String.valueOf(e.extensions().get("field"));
    }
    throw new AssertionError("no problem raised");
  }
}
