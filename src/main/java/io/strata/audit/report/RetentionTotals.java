package io.strata.audit.report;

import io.strata.audit.AuditRecord;
import java.util.Map;

/**
 * What the retention report's summary adds up as the events stream past: policies set, indexes,
 * events and bytes deleted, holds placed and released; and which policy was in force when the
 * period began. Only what succeeded is counted: a refused policy changed nothing (its row in the
 * CSV says so, with its outcome).
 */
final class RetentionTotals {

  /**
   * The policy in force when the period began.
   *
   * @param policy the last successful {@code retention.update} before the period, null when there
   *     was none (the platform default applied)
   * @param note what a reader is told about it
   */
  record Start(AuditRecord policy, String note) {

    /** The start of a period that began at {@code policy} (null: before any was set). */
    static Start of(AuditRecord policy) {
      return new Start(policy, policy != null
          ? "set before the period and in force at its start"
          : "no policy of the tenant's own had been set: the platform default applied at the"
              + " start of the period");
    }

    /** The start of a period that begins with the trail: no policy can have been set before. */
    static Start ofTrail() {
      return new Start(null, "the period starts with the trail: the platform default applied"
          + " until a policy was set");
    }
  }

  private long policiesSet;
  private long indexesDeleted;
  private long eventsDeleted;
  private long bytesDeleted;
  private long holdsPlaced;
  private long holdsReleased;
  private long unsuccessful;
  private Start start;

  /** Counts {@code record}, a {@code retention.*} or {@code hold.*} event. */
  void add(AuditRecord record) {
    if (!"success".equals(record.outcome())) {
      unsuccessful++;
      return;
    }
    switch (record.action()) {
      case "retention.update" -> policiesSet++;
      case "retention.delete" -> {
        Map<String, String> params = record.params() == null ? Map.of() : record.params();
        indexesDeleted++;
        eventsDeleted += RetentionEvents.number(params.get("events"));
        bytesDeleted += RetentionEvents.number(params.get("bytes"));
      }
      case "hold.create" -> holdsPlaced++;
      case "hold.release" -> holdsReleased++;
      default -> { }
    }
  }

  /** Sets the policy in force at the start; null for a trail without policies (the platform's). */
  void startWith(Start start) {
    this.start = start;
  }

  /** The policy in force at the start, null for a trail without policies. */
  Start start() {
    return start;
  }

  long policiesSet() {
    return policiesSet;
  }

  long indexesDeleted() {
    return indexesDeleted;
  }

  long eventsDeleted() {
    return eventsDeleted;
  }

  long bytesDeleted() {
    return bytesDeleted;
  }

  long holdsPlaced() {
    return holdsPlaced;
  }

  long holdsReleased() {
    return holdsReleased;
  }

  /** Events of the report that did not succeed (refused or failed): counted apart. */
  long unsuccessful() {
    return unsuccessful;
  }
}
