package io.strata.alerting;

import java.util.List;
import java.util.Map;

/**
 * Matching events counted per group over one time range: at most {@link RuleEvaluator#MAX_GROUPS}
 * groups, most events first, {@code truncated} when there were more. A rule without {@code
 * group_by} has exactly one group, the empty one, whose count may be 0.
 */
record GroupCounts(List<Group> groups, boolean truncated) {

  /** The values of the {@code group_by} fields, in their order, and the events that carry them. */
  record Group(Map<String, String> values, long count) {}
}
