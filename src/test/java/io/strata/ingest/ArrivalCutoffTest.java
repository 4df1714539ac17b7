package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventTimeScan;
import java.time.Instant;
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
}
