package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventTimeScan;
import io.strata.retention.RetentionPolicy;
import io.strata.retention.RetentionStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalCutoffTest {

  private static long nanos(String iso) {
    return Instant.parse(iso).toEpochMilli() * 1_000_000L;
  }

  /**
   * The indexer drops an event of day d when today - d > days: with 30 days on 2026-03-10, the
   * 8th of February is the oldest day kept, and the 7th is gone.
   */
  @Test
  void refusesExactlyWhatTheIndexerWouldDropAtTheSameClock() {
    ArrivalCutoff cutoff = ArrivalCutoff.at(Instant.parse("2026-03-10T12:00:00Z").toEpochMilli(), 30);
    assertThat(cutoff.expired(nanos("2026-02-08T00:00:00Z"))).isFalse();
    assertThat(cutoff.expired(nanos("2026-02-07T23:59:59.999Z"))).isTrue();
    assertThat(cutoff.expired(nanos("2026-03-10T11:00:00Z"))).isFalse();
    assertThat(cutoff.expired(EventTimeScan.UNKNOWN)).isFalse();
    assertThat(cutoff.reason())
        .isEqualTo("older than the 30 days this tenant keeps events (retention)");
  }

  /** Just after midnight the ingest clock may be ahead of the indexer's: judge by yesterday. */
  @Test
  void allowsForAClockAheadOfTheIndexersAtTheDaysBoundary() {
    ArrivalCutoff cutoff =
        ArrivalCutoff.at(Instant.parse("2026-03-10T00:30:00Z").toEpochMilli(), 30);
    assertThat(cutoff.expired(nanos("2026-02-07T12:00:00Z"))).isFalse();
    assertThat(cutoff.expired(nanos("2026-02-06T23:00:00Z"))).isTrue();
  }

  private static RetentionPolicy policy(int defaultDays, int... streamDays) {
    List<RetentionStream> streams = new ArrayList<>();
    for (int days : streamDays) {
      streams.add(new RetentionStream("s" + days, "service:s" + days, days, 0));
    }
    return new RetentionPolicy(defaultDays, streams, "none", null, null, null);
  }

  /** Only the longest class counts: an event it does not keep, no class keeps. */
  @Test
  void judgesByTheLongestClassOfThePolicy() {
    long now = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
    ArrivalCutoff cutoff = ArrivalCutoff.forLongestDays(policy(10, 400, 30).longestDays(), false, now);
    assertThat(cutoff.keptDays()).isEqualTo(400);
    assertThat(cutoff).isEqualTo(ArrivalCutoff.at(now, 400));
  }

  @Test
  void skipsPoliciesKeepingTenYearsAndTenantsWhoseRulesMayMoveTheTime() {
    long now = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
    assertThat(ArrivalCutoff.forLongestDays(policy(30, 3650).longestDays(), false, now)).isNull();
    assertThat(ArrivalCutoff.forLongestDays(policy(36_500).longestDays(), false, now)).isNull();
    assertThat(ArrivalCutoff.forLongestDays(policy(30).longestDays(), true, now)).isNull();
    assertThat(ArrivalCutoff.forLongestDays(policy(3649).longestDays(), false, now)).isNotNull();
  }
}
