package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleJudgementTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

  private static AlertRuleRules.Valid rule(String kind, String op, int value, String forDuration,
      List<String> groupBy) {
    return AlertRuleRules.check(new AlertRuleRequest("r", "", kind, "5m", null,
        op == null ? null : new AlertRuleRequest.Condition(op, BigDecimal.valueOf(value)), groupBy,
        forDuration, null, null, null, null, null, null, null));
  }

  private static GroupCounts.Group service(String name, long count) {
    return new GroupCounts.Group(Map.of("service", name), count);
  }

  @Test
  void thresholdJudgesEachGroupAndPutsTheMetOnesFirst() {
    AlertPreview preview = RuleJudgement.judge(rule("threshold", "<", 5, null, List.of("service")),
        NOW, new GroupCounts(List.of(service("checkout", 12), service("cart", 3)), false), null);
    assertThat(preview.kind()).isEqualTo("threshold");
    assertThat(preview.window()).isEqualTo("5m");
    assertThat(preview.evaluatedAt()).isEqualTo(NOW);
    assertThat(preview.truncated()).isFalse();
    assertThat(preview.groups()).containsExactly(
        new AlertPreview.Group(Map.of("service", "cart"), 3, null, true, "fire"),
        new AlertPreview.Group(Map.of("service", "checkout"), 12, null, false, "ok"));
  }

  @Test
  void aRuleWithForIsPendingRatherThanFiring() {
    AlertPreview preview = RuleJudgement.judge(rule("threshold", ">", 10, "2m", List.of()), NOW,
        new GroupCounts(List.of(new GroupCounts.Group(Map.of(), 11)), true), null);
    assertThat(preview.groups()).containsExactly(
        new AlertPreview.Group(Map.of(), 11, null, true, "pending"));
    assertThat(preview.truncated()).isTrue();
  }

  @Test
  void noDataFiresForGroupsThatHadEventsBeforeAndHaveNoneNow() {
    AlertPreview preview = RuleJudgement.judge(rule("no_data", null, 0, null, List.of("service")),
        NOW, new GroupCounts(List.of(service("cart", 2), service("new", 1)), false),
        new GroupCounts(List.of(service("checkout", 4), service("cart", 5)), false));
    assertThat(preview.groups()).containsExactly(
        new AlertPreview.Group(Map.of("service", "checkout"), 0, 4L, true, "fire"),
        new AlertPreview.Group(Map.of("service", "cart"), 2, 5L, false, "ok"),
        new AlertPreview.Group(Map.of("service", "new"), 1, 0L, false, "ok"));
  }

  @Test
  void noDataWithoutGroupsJudgesTheWholeQuery() {
    AlertRuleRules.Valid rule = rule("no_data", null, 0, null, List.of());
    GroupCounts none = new GroupCounts(List.of(new GroupCounts.Group(Map.of(), 0)), false);
    GroupCounts some = new GroupCounts(List.of(new GroupCounts.Group(Map.of(), 7)), false);
    assertThat(RuleJudgement.judge(rule, NOW, none, some).groups()).containsExactly(
        new AlertPreview.Group(Map.of(), 0, 7L, true, "fire"));
    assertThat(RuleJudgement.judge(rule, NOW, none, none).groups()).containsExactly(
        new AlertPreview.Group(Map.of(), 0, 0L, false, "ok"));
    assertThat(RuleJudgement.judge(rule, NOW, some, some).groups()).containsExactly(
        new AlertPreview.Group(Map.of(), 7, 7L, false, "ok"));
  }
}
