package io.strata.alerting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matching events counted per group over one time range: at most {@link RuleEvaluator#MAX_GROUPS}
 * groups, most events first, {@code truncated} when there were more. A rule without {@code
 * group_by} has exactly one group, the empty one, whose count may be 0.
 */
public record GroupCounts(List<Group> groups, boolean truncated) {

  /** The values of the {@code group_by} fields, in their order, and the events that carry them. */
  public record Group(Map<String, String> values, long count) {}

  /**
   * The counts of several nodes added up group by group, most events first, at most {@code max}
   * groups; truncated when any node's were, or when there are more.
   */
  static GroupCounts merge(List<GroupCounts> parts, int max) {
    Map<Map<String, String>, Long> sums = new LinkedHashMap<>();
    boolean truncated = false;
    for (GroupCounts part : parts) {
      truncated |= part.truncated();
      for (Group group : part.groups()) {
        sums.merge(group.values(), group.count(), Long::sum);
      }
    }
    List<Group> groups = new ArrayList<>(sums.size());
    sums.forEach((values, count) -> groups.add(new Group(values, count)));
    groups.sort(Comparator.comparingLong(Group::count).reversed());
    if (groups.size() > max) {
      return new GroupCounts(List.copyOf(groups.subList(0, max)), true);
    }
    return new GroupCounts(groups, truncated);
  }
}
