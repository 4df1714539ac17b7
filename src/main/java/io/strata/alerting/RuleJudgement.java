package io.strata.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges counted groups against a rule, without reading anything: pure, so the judgement is tested
 * apart from the counting, and the scheduler will judge as the preview does.
 *
 * <p>threshold: a group's condition is met when its count in the window compares true with the
 * condition's value. no_data: a group's condition is met when it had events in the previous window
 * and has none in this one; without {@code group_by}, the same of the whole query.
 */
final class RuleJudgement {

  static final String FIRE = "fire";
  static final String PENDING = "pending";
  static final String OK = "ok";

  /** Met conditions first, then the largest values, then the groups in value order. */
  private static final Comparator<AlertPreview.Group> ORDER =
      Comparator.comparing((AlertPreview.Group g) -> !g.conditionMet())
          .thenComparing(Comparator.comparingLong(AlertPreview.Group::value).reversed())
          .thenComparingLong(g -> g.previous() == null ? 0 : -g.previous())
          .thenComparing(g -> String.join("\u0000", g.group().values()));

  private RuleJudgement() {}

  /**
   * What {@code rule} would do at {@code at}, given the counts of its window ({@code current}) and,
   * for no_data rules, of the window before it ({@code previous}, ignored for threshold rules).
   */
  static AlertPreview judge(AlertRuleRules.Valid rule, Instant at, GroupCounts current,
      GroupCounts previous) {
    List<AlertPreview.Group> groups = new ArrayList<>();
    boolean truncated = current.truncated();
    if (rule.kind() == RuleKind.THRESHOLD) {
      for (GroupCounts.Group group : current.groups()) {
        boolean met = rule.op().holds(group.count(), rule.value());
        groups.add(new AlertPreview.Group(group.values(), group.count(), null, met,
            would(rule, met)));
      }
    } else {
      truncated |= previous.truncated();
      Map<Map<String, String>, long[]> both = new LinkedHashMap<>();
      for (GroupCounts.Group group : previous.groups()) {
        both.computeIfAbsent(group.values(), g -> new long[2])[0] += group.count();
      }
      for (GroupCounts.Group group : current.groups()) {
        both.computeIfAbsent(group.values(), g -> new long[2])[1] += group.count();
      }
      for (Map.Entry<Map<String, String>, long[]> group : both.entrySet()) {
        long[] counts = group.getValue();
        boolean met = counts[0] > 0 && counts[1] == 0;
        groups.add(new AlertPreview.Group(group.getKey(), counts[1], counts[0], met,
            would(rule, met)));
      }
    }
    groups.sort(ORDER);
    if (groups.size() > RuleEvaluator.MAX_GROUPS) {
      truncated = true;
      groups = new ArrayList<>(groups.subList(0, RuleEvaluator.MAX_GROUPS));
    }
    return new AlertPreview(rule.kind().label(), Durations.format(rule.windowSeconds()), at,
        List.copyOf(groups), truncated);
  }

  private static String would(AlertRuleRules.Valid rule, boolean met) {
    if (!met) {
      return OK;
    }
    return rule.forSeconds() > 0 ? PENDING : FIRE;
  }
}
