package io.strata.audit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which actions of the trail each report covers: the one place that says what counts as a read of
 * events, what counts as a change, and which actions make up retention and erasures.
 */
public final class ReportedActions {

  /** Every action that reads tenant events: who read what, with which query and range. */
  public static final Set<String> READS = Set.of("search", "histogram", "facets", "fields",
      "event", "context", "trace", "export", "tail.start", "tail.end", "alert_rule.preview",
      "parsing_rule.preview");

  /** Actions that end a read already counted at its start: its query is not read again. */
  public static final Set<String> READ_ENDS = Set.of("tail.end");

  /**
   * Areas whose every action changes something ({@code tenant.*}, {@code key.*}, ...), but for the
   * {@link #SYSTEM_WORK} in them: a legal hold released or an erasure cancelled is a change as much
   * as one created.
   */
  public static final Set<String> CHANGED_AREAS = Set.of("tenant", "key", "saved_search",
      "retention", "hold", "erasure", "alert");

  /**
   * What the platform records as it carries out a policy or a request (deleting an expired index,
   * starting, blocking or completing an erasure): not changes that someone made, so not in the
   * changes report, whose rows are the decisions of people and keys; the retention and erasures
   * reports list this work beside the decision it carries out.
   */
  public static final Set<String> SYSTEM_WORK = Set.of("retention.delete", "erasure.start",
      "erasure.block", "erasure.complete");

  /**
   * Verbs that change whatever their area: an action named {@code <area>.<verb>} with one of them
   * is a change even in an area added later (e.g. {@code retention_policy.update}).
   */
  public static final Set<String> CHANGE_VERBS = Set.of("create", "update", "delete", "revoke",
      "expire");

  private ReportedActions() {}

  /** Whether {@code action} belongs in the retention report: its policies, deletions and holds. */
  public static boolean isRetention(String action) {
    return action.startsWith("retention.") || action.startsWith("hold.");
  }

  /** Whether {@code action} is a step of an erasure: requested, cancelled, blocked, run, done. */
  public static boolean isErasure(String action) {
    return action.startsWith("erasure.");
  }

  /** Whether {@code action} reads tenant events. */
  public static boolean isRead(String action) {
    return READS.contains(action);
  }

  /** Whether {@code action} changes something, by the decision of a person or a key. */
  public static boolean isChange(String action) {
    int dot = action.indexOf('.');
    if (dot < 0 || SYSTEM_WORK.contains(action)) {
      return false;
    }
    return CHANGED_AREAS.contains(action.substring(0, dot))
        || CHANGE_VERBS.contains(action.substring(action.lastIndexOf('.') + 1));
  }

  /** SQL {@code LIKE} patterns that select at least the reads (exactly them). */
  static List<String> readPatterns() {
    return READS.stream().sorted().map(ReportedActions::literal).toList();
  }

  /**
   * SQL {@code LIKE} patterns that select at least the changes; {@link #isChange} has the last word
   * ({@code %.create} would also take {@code a.b.create}).
   */
  static List<String> changePatterns() {
    List<String> patterns = new ArrayList<>();
    CHANGED_AREAS.stream().sorted().forEach(area -> patterns.add(literal(area) + ".%"));
    CHANGE_VERBS.stream().sorted().forEach(verb -> patterns.add("%." + literal(verb)));
    return patterns;
  }

  /** SQL {@code LIKE} patterns that select exactly the retention report's actions. */
  static List<String> retentionPatterns() {
    return List.of("retention.%", "hold.%");
  }

  /** SQL {@code LIKE} patterns that select exactly the steps of erasures. */
  static List<String> erasurePatterns() {
    return List.of("erasure.%");
  }

  /** {@code text} as a LIKE pattern that matches it only: its wildcards escaped. */
  static String literal(String text) {
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }
}
