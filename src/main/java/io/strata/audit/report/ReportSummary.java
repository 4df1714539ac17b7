package io.strata.audit.report;

import io.strata.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of the events a report lists, gathered as they stream past: by action, actor and outcome,
 * the queries read most, and the newest events themselves for the PDF. Its memory is bounded
 * whatever the period: past {@link #MAX_DISTINCT} distinct actors or queries the rest are counted
 * together, and only the newest {@link #KEPT_EVENTS} events are kept.
 */
public final class ReportSummary {

  /** One line of a summary table. */
  public record Count(String key, long count) {}

  /** The name under which what is past the bound is counted. */
  public static final String OTHERS = "(others)";
  static final int MAX_DISTINCT = 10_000;
  static final int KEPT_EVENTS = 200;

  private final Map<String, Long> byAction = new HashMap<>();
  private final Map<String, Long> byActor = new HashMap<>();
  private final Map<String, Long> byOutcome = new HashMap<>();
  private final Map<String, Long> byQuery = new HashMap<>();
  private final List<AuditRecord> newest = new ArrayList<>();
  private long events;
  private Instant first;
  private Instant last;

  /** Counts {@code record}; records come newest first, as the trail is read. */
  public void add(AuditRecord record) {
    events++;
    count(byAction, record.action());
    count(byActor, actor(record));
    count(byOutcome, record.outcome());
    String q = record.params() == null ? null : record.params().get("q");
    if (q != null && !ReportedActions.READ_ENDS.contains(record.action())) {
      count(byQuery, q.isBlank() ? "(empty query)" : q);
    }
    if (newest.size() < KEPT_EVENTS) {
      newest.add(record);
    }
    if (first == null || record.time().isBefore(first)) {
      first = record.time();
    }
    if (last == null || record.time().isAfter(last)) {
      last = record.time();
    }
  }

  /** The actor of {@code record} as the summary names it: name, type and (when it differs) id. */
  public static String actor(AuditRecord record) {
    return actor(record.actorName(), record.actorType(), record.actorId());
  }

  /** An actor as reports name them: {@code name (type id)}, the id left out when it is the name. */
  static String actor(String name, String type, String id) {
    String shown = name == null ? "unknown" : name;
    return shown + " (" + type + (id == null || id.equals(shown) ? "" : " " + id) + ")";
  }

  public long events() {
    return events;
  }

  /** The time of the oldest event counted, null when none. */
  public Instant first() {
    return first;
  }

  /** The time of the newest event counted, null when none. */
  public Instant last() {
    return last;
  }

  /** Events per action, most first. */
  public List<Count> byAction() {
    return ranked(byAction, Integer.MAX_VALUE);
  }

  /** Events per actor, most first, at most {@code limit}. */
  public List<Count> byActor(int limit) {
    return ranked(byActor, limit);
  }

  /** Events per outcome, most first. */
  public List<Count> byOutcome() {
    return ranked(byOutcome, Integer.MAX_VALUE);
  }

  /** The queries ({@code q}) read most, at most {@code limit}. */
  public List<Count> topQueries(int limit) {
    return ranked(byQuery, limit);
  }

  /** How many distinct actors were counted. */
  public int actors() {
    return byActor.size();
  }

  /** The newest events, newest first, at most {@link #KEPT_EVENTS}. */
  public List<AuditRecord> newest() {
    return List.copyOf(newest);
  }

  private static void count(Map<String, Long> counts, String key) {
    String name = key == null ? "(none)" : key;
    if (!counts.containsKey(name) && counts.size() >= MAX_DISTINCT) {
      name = OTHERS;
    }
    counts.merge(name, 1L, Long::sum);
  }

  private static List<Count> ranked(Map<String, Long> counts, int limit) {
    return counts.entrySet().stream()
        .map(e -> new Count(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key))
        .limit(limit)
        .toList();
  }
}
