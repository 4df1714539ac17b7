package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRuleRulesTest {

  private static AlertRuleRequest threshold(String window, String every, String op,
      List<String> groupBy) {
    return new AlertRuleRequest("errors", "level:ERROR", "threshold", window, every,
        new AlertRuleRequest.Condition(op, BigDecimal.TEN), groupBy, null, null, null, null, null,
        null, null, null);
  }

  private static AlertRuleRequest.Condition gt(int value) {
    return new AlertRuleRequest.Condition(">", BigDecimal.valueOf(value));
  }

  private static void refusedNaming(AlertRuleRequest request, String field) {
    assertThatThrownBy(() -> AlertRuleRules.check(request))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.extensions()).containsEntry("field", field);
        });
  }

  @Test
  void fillsInTheDefaults() {
    AlertRuleRules.Valid valid = AlertRuleRules.check(new AlertRuleRequest(" errors ", null, null,
        "5m", null, gt(10), null, null, null, null, null, null, null, null, null));
    assertThat(valid.name()).isEqualTo("errors");
    assertThat(valid.query()).isEmpty();
    assertThat(valid.kind()).isEqualTo(RuleKind.THRESHOLD);
    assertThat(valid.windowSeconds()).isEqualTo(300);
    assertThat(valid.everySeconds()).isEqualTo(60);
    assertThat(valid.forSeconds()).isZero();
    assertThat(valid.severity()).isEqualTo("warning");
    assertThat(valid.groupBy()).isEmpty();
    assertThat(valid.channels()).isEmpty();
    assertThat(valid.labels()).isEmpty();
    assertThat(valid.renotifySeconds()).isNull();
    assertThat(valid.enabled()).isTrue();
    assertThat(valid.op()).isEqualTo(Comparison.GT);
  }

  @Test
  void takesAFullRule() {
    AlertRuleRules.Valid valid = AlertRuleRules.check(new AlertRuleRequest("checkout", "service:x",
        "threshold", "1d", "10s", new AlertRuleRequest.Condition("<=", new BigDecimal("2.5")),
        List.of("service", "level", "host"), "2m", "CRITICAL", List.of("oncall", "oncall", "mail"),
        "4h", Map.of("team", "payments"), " why ", "https://wiki.example/run", false));
    assertThat(valid.windowSeconds()).isEqualTo(86_400);
    assertThat(valid.everySeconds()).isEqualTo(10);
    assertThat(valid.op()).isEqualTo(Comparison.LE);
    assertThat(valid.value()).isEqualByComparingTo("2.5");
    assertThat(valid.groupBy()).containsExactly("service", "level", "host");
    assertThat(valid.forSeconds()).isEqualTo(120);
    assertThat(valid.severity()).isEqualTo("critical");
    assertThat(valid.channels()).containsExactly("oncall", "mail");
    assertThat(valid.renotifySeconds()).isEqualTo(14_400);
    assertThat(valid.labels()).containsExactly(Map.entry("team", "payments"));
    assertThat(valid.description()).isEqualTo("why");
    assertThat(valid.enabled()).isFalse();
  }

  @Test
  void refusesBadBodiesNamingTheField() {
    refusedNaming(null, "name");
    refusedNaming(new AlertRuleRequest(" ", "", null, "5m", null, gt(1), null, null, null, null,
        null, null, null, null, null), "name");
    refusedNaming(threshold("25h", null, ">", null), "window");
    refusedNaming(threshold("5s", null, ">", null), "window");
    refusedNaming(threshold(null, null, ">", null), "window");
    refusedNaming(threshold("5 minutes", null, ">", null), "window");
    refusedNaming(threshold("5m", "5s", ">", null), "every");
    refusedNaming(threshold("5m", "2d", ">", null), "every");
    refusedNaming(threshold("5m", null, "~", null), "condition.op");
    refusedNaming(threshold("5m", null, null, null), "condition.op");
    refusedNaming(threshold("5m", null, ">", List.of("service", "host", "level", "environment")),
        "group_by");
    refusedNaming(threshold("5m", null, ">", List.of("message")), "group_by");
    refusedNaming(threshold("5m", null, ">", List.of("service", "service")), "group_by");
    refusedNaming(new AlertRuleRequest("n", "", "spike", "5m", null, gt(1), null, null, null,
        null, null, null, null, null, null), "kind");
    refusedNaming(new AlertRuleRequest("n", "", "threshold", "5m", null, null, null, null, null,
        null, null, null, null, null, null), "condition");
    refusedNaming(new AlertRuleRequest("n", "", "no_data", "5m", null, gt(1), null, null, null,
        null, null, null, null, null, null), "condition");
    refusedNaming(new AlertRuleRequest("n", "", "threshold", "5m", null,
        new AlertRuleRequest.Condition(">", null), null, null, null, null, null, null, null, null,
        null), "condition.value");
    refusedNaming(new AlertRuleRequest("n", "", "threshold", "5m", null,
        new AlertRuleRequest.Condition(">", new BigDecimal("1e16")), null, null, null, null, null,
        null, null, null, null), "condition.value");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, "2d", null, null,
        null, null, null, null, null), "for");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, null, "page", null,
        null, null, null, null, null), "severity");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, null, null,
        List.of("a b"), null, null, null, null, null), "channels");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, null, null, null,
        "10s", null, null, null, null), "renotify");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, null, null, null,
        null, Map.of("1bad", "x"), null, null, null), "labels");
    refusedNaming(new AlertRuleRequest("n", "", null, "5m", null, gt(1), null, null, null, null,
        null, null, null, "javascript:alert(1)", null), "runbook_url");
    refusedNaming(new AlertRuleRequest("n", "q".repeat(4097), null, "5m", null, gt(1), null, null,
        null, null, null, null, null, null, null), "query");
  }

  @Test
  void anUngroupableFieldIsRefusedSayingWhichFieldsCanBeGrouped() {
    assertThatThrownBy(() -> AlertRuleRules.check(threshold("5m", null, ">",
        List.of("service", "user.id"))))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.getMessage()).contains("'user.id'").contains("environment, host, level,"
              + " service");
          assertThat(e.extensions()).containsEntry("groupable",
              List.of("environment", "host", "level", "service"));
        });
  }

  @Test
  void durationsAreStoredInSecondsAndShownInTheLargestWholeUnit() {
    assertThat(Durations.seconds("30s")).isEqualTo(30);
    assertThat(Durations.seconds("5m")).isEqualTo(300);
    assertThat(Durations.seconds("2h")).isEqualTo(7_200);
    assertThat(Durations.seconds("1d")).isEqualTo(86_400);
    assertThat(Durations.seconds("0")).isZero();
    assertThat(Durations.format(300)).isEqualTo("5m");
    assertThat(Durations.format(90)).isEqualTo("90s");
    assertThat(Durations.format(7_200)).isEqualTo("2h");
    assertThat(Durations.format(86_400)).isEqualTo("1d");
    assertThat(Durations.format(0)).isEqualTo("0s");
    assertThatThrownBy(() -> Durations.seconds("1w")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.seconds("-5m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.seconds("1.5h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void comparisonsHoldOnTheExactCount() {
    BigDecimal ten = BigDecimal.TEN;
    assertThat(Comparison.GT.holds(11, ten)).isTrue();
    assertThat(Comparison.GT.holds(10, ten)).isFalse();
    assertThat(Comparison.GE.holds(10, ten)).isTrue();
    assertThat(Comparison.LT.holds(9, ten)).isTrue();
    assertThat(Comparison.LE.holds(11, ten)).isFalse();
    assertThat(Comparison.EQ.holds(10, new BigDecimal("10.0"))).isTrue();
    assertThat(Comparison.NE.holds(10, ten)).isFalse();
    assertThat(Comparison.GT.holds(10, new BigDecimal("9.5"))).isTrue();
    assertThat(Comparison.of("~")).isNull();
  }
}
