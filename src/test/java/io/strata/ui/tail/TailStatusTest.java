package io.strata.ui.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TailStatusTest {

  private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");
  private final TailStatus status = new TailStatus(Duration.ofSeconds(4));

  private TailStatus live() {
    status.starting(T0);
    status.heard(T0);
    return status;
  }

  @Test
  void isLiveOnlyOnceTheStreamHasSpoken() {
    status.starting(T0);
    assertThat(status.text(T0.plusSeconds(1))).isEqualTo("Starting…");
    status.heard(T0.plusSeconds(1));
    assertThat(status.text(T0.plusSeconds(1))).isEqualTo("Live");
  }

  @Test
  void aStreamSilentBeyondTheKeepAlivesIsNoLongerLive() {
    live().event(T0.plusSeconds(2));
    assertThat(status.text(T0.plusSeconds(6))).isEqualTo("Live");
    assertThat(status.stale(T0.plusSeconds(6))).isFalse();
    assertThat(status.stale(T0.plusSeconds(7))).isTrue();
    assertThat(status.text(T0.plusSeconds(7)))
        .isEqualTo("Reconnecting… · last event 03:00:02 UTC");
  }

  @Test
  void aKeepAliveKeepsItLive() {
    live();
    status.heard(T0.plusSeconds(3));
    status.heard(T0.plusSeconds(6));
    assertThat(status.text(T0.plusSeconds(9))).isEqualTo("Live");
  }

  @Test
  void aBrokenStreamSaysSoUntilItIsOpenedAgainAndHeard() {
    live().event(T0.plusSeconds(1));
    status.lost();
    assertThat(status.text(T0.plusSeconds(1)))
        .isEqualTo("Reconnecting… · last event 03:00:01 UTC");
    assertThat(status.running()).isTrue();
    status.reconnecting(T0.plusSeconds(2));
    assertThat(status.text(T0.plusSeconds(3))).startsWith("Reconnecting…");
    status.heard(T0.plusSeconds(3));
    assertThat(status.text(T0.plusSeconds(3))).isEqualTo("Live");
  }

  @Test
  void withoutAnyEventTheLastEventIsNone() {
    live();
    assertThat(status.text(T0.plusSeconds(60))).isEqualTo("Reconnecting… · last event none");
  }

  @Test
  void pausedCountsWhatArrivesAndForgetsItOnResume() {
    live();
    status.paused(true);
    assertThat(status.text(T0)).isEqualTo("Paused");
    status.event(T0.plusSeconds(1));
    assertThat(status.text(T0.plusSeconds(1))).isEqualTo("Paused — 1 new event");
    status.event(T0.plusSeconds(2));
    assertThat(status.text(T0.plusSeconds(2))).isEqualTo("Paused — 2 new events");
    status.paused(false);
    assertThat(status.text(T0.plusSeconds(2))).isEqualTo("Live");
  }

  @Test
  void pausedStillTellsALostStream() {
    live();
    status.paused(true);
    status.event(T0.plusSeconds(1));
    assertThat(status.text(T0.plusSeconds(30)))
        .isEqualTo("Paused · Reconnecting… · last event 03:00:01 UTC — 1 new event");
  }

  @Test
  void missedEventsAreShownWhileRunning() {
    live().missed(12);
    assertThat(status.text(T0)).isEqualTo("Live · 12 missed");
    status.stopped();
    assertThat(status.text(T0)).isEqualTo("Stopped");
  }

  @Test
  void anEndedTailIsNotReopenedNorStale() {
    live().ended("credential-revoked");
    assertThat(status.text(T0.plusSeconds(60))).isEqualTo("Stopped (credential-revoked)");
    assertThat(status.running()).isFalse();
    assertThat(status.stale(T0.plusSeconds(60))).isFalse();
    status.lost();
    assertThat(status.text(T0.plusSeconds(60))).isEqualTo("Stopped (credential-revoked)");
  }
}
