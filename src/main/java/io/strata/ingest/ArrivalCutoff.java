package io.strata.ingest;

import io.strata.pipeline.EventTimeScan;

/**
 * The oldest event time a tenant can still store: an event from before it is past the longest
 * retention of every class of the tenant's policy, so whatever class the indexer would choose, it
 * would drop the event as expired. Answering it as rejected at ingest is therefore always right.
 *
 * @param oldestKeptNanos events stamped before this (epoch nanoseconds) are past retention
 * @param keptDays the tenant's longest retention, for the reason given
 */
public record ArrivalCutoff(long oldestKeptNanos, int keptDays) {

  private static final long DAY_MILLIS = 86_400_000L;
  private static final long DAY_NANOS = DAY_MILLIS * 1_000_000L;

  /**
   * The clock of the node that ingests may run ahead of the one that indexes: judging by a
   * clock this much behind keeps an event the indexer would still keep from being refused at a
   * day's boundary.
   */
  static final long CLOCK_SKEW_MILLIS = 3_600_000L;

  /** Ten years: a policy whose classes all keep this long is not worth a look per event. */
  static final int NOT_WORTH_CHECKING_DAYS = 3_650;

  /**
   * The cutoff for events arriving at {@code nowMillis} under a policy whose longest class keeps
   * {@code longest} days, or null when none needs checking: the policy keeps every class ten years
   * or more, or {@code timeMayChange} (a parsing rule of the tenant may replace the time an event
   * was sent with by a recent one).
   */
  static ArrivalCutoff forLongestDays(int longest, boolean timeMayChange, long nowMillis) {
    return timeMayChange || longest >= NOT_WORTH_CHECKING_DAYS ? null : at(nowMillis, longest);
  }

  /**
   * The cutoff at {@code nowMillis} for a policy whose longest class keeps {@code longestDays}.
   * The indexer drops an event of day {@code d} when {@code today - d > days}, so the last day
   * still kept is {@code today - longestDays}, and it starts at the returned time.
   */
  static ArrivalCutoff at(long nowMillis, int longestDays) {
    long today = Math.floorDiv(nowMillis - CLOCK_SKEW_MILLIS, DAY_MILLIS);
    return new ArrivalCutoff((today - longestDays) * DAY_NANOS, longestDays);
  }

  /** Whether an event of time {@code nanos} ({@link EventTimeScan#UNKNOWN} never is) is past it. */
  boolean expired(long nanos) {
    return nanos != EventTimeScan.UNKNOWN && nanos < oldestKeptNanos;
  }

  /** The per-event reason of a refused event. */
  String reason() {
    return "older than the " + keptDays + " days this tenant keeps events (retention)";
  }
}
