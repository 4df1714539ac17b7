package io.strata.audit.report;

import io.strata.audit.AuditRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the steps of erasures ({@code erasure.request}, {@code .cancel}, {@code .block}, {@code
 * .start}, {@code .complete}), which the trail records as separate events with the erasure's id
 * as target, into one row per erasure. Events may come in any order: the state is that of the
 * erasure's newest step (by sequence), so reading newest first, as reports do, is as good as any.
 *
 * <p>A request that was refused never became an erasure (it has no id): it is counted, not listed.
 * Nor is an id that only refused steps name (a cancel of an erasure that had started, or of no
 * erasure at all): nothing happened to an erasure there. The changes report has both, with their
 * outcome.
 */
final class ErasureLedger {

  private final Map<String, Steps> erasures = new HashMap<>();
  private long refused;

  /** Takes {@code record}, an {@code erasure.*} event of the period. */
  void add(AuditRecord record) {
    boolean success = "success".equals(record.outcome());
    if ("erasure.request".equals(record.action()) && (!success || record.target() == null)) {
      refused++;
      return;
    }
    if (record.target() != null) {
      erasures.computeIfAbsent(record.target(), Steps::new).add(record);
    }
  }

  /** Whether some erasure of the period was requested before it: its request is still to read. */
  boolean requestsMissing() {
    return erasures.values().stream().anyMatch(steps -> steps.moved() && steps.request == null);
  }

  /**
   * Takes {@code record}, an {@code erasure.*} event from before the period: it completes an
   * erasure of the period (its request, the steps before the period), and is ignored otherwise.
   */
  void addEarlier(AuditRecord record) {
    Steps steps = record.target() == null ? null : erasures.get(record.target());
    if (steps != null && ("success".equals(record.outcome())
        || !"erasure.request".equals(record.action()))) {
      steps.add(record);
    }
  }

  /** Requests refused, which never became erasures. */
  long refused() {
    return refused;
  }

  /** The erasures, newest request first (those whose request was not found last). */
  List<ErasureRow> rows() {
    return erasures.values().stream().filter(Steps::moved).map(Steps::row)
        .sorted(Comparator.comparing(ErasureRow::requestedAt,
                Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(ErasureRow::id))
        .toList();
  }

  /** The steps of one erasure seen so far. */
  private static final class Steps {

    private final String id;
    private AuditRecord request;
    private AuditRecord completion;
    private AuditRecord block;
    private String state;
    private AuditRecord stateBy;

    Steps(String id) {
      this.id = id;
    }

    void add(AuditRecord record) {
      boolean success = "success".equals(record.outcome());
      switch (record.action()) {
        case "erasure.request" -> {
          request = record;
          moveTo("pending", record);
        }
        // A refused cancel (the erasure had started) changed nothing.
        case "erasure.cancel" -> {
          if (success) {
            moveTo("cancelled", record);
          }
        }
        case "erasure.block" -> {
          block = record;
          moveTo("blocked_by_hold", record);
        }
        case "erasure.start" -> moveTo("running", record);
        case "erasure.complete" -> {
          if (success) {
            completion = record;
          }
          moveTo(success ? "completed" : "failed", record);
        }
        default -> { }
      }
    }

    /** Whether some step of the erasure took effect: it was requested, cancelled, run... */
    boolean moved() {
      return stateBy != null;
    }

    private void moveTo(String next, AuditRecord record) {
      if (stateBy == null || record.seq() > stateBy.seq()) {
        state = next;
        stateBy = record;
      }
    }

    ErasureRow row() {
      Map<String, String> asked = params(request);
      Map<String, String> done = params(completion);
      return new ErasureRow(id, request == null ? null : request.time(),
          request == null ? null : ReportSummary.actor(request), asked.get("query"),
          asked.get("from"), asked.get("to"), asked.get("reason"),
          state, stateBy.time(),
          completion == null ? null : completion.time(), done.get("matched"),
          done.get("deleted"), done.get("remaining"), done.get("receipt_sha256"),
          params(block).get("holds"), completion == null ? null : completion.seq());
    }

    private static Map<String, String> params(AuditRecord record) {
      return record == null || record.params() == null ? Map.of() : record.params();
    }
  }
}
