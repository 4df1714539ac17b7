package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private static NotificationPolicy.Decision decide(AlertState state, boolean transition,
      Instant since, String notified, Instant notifiedAt, Integer renotify, boolean silenced,
      Instant at) {
    return NotificationPolicy.decide(state, transition, since, notified, notifiedAt, renotify, 60,
        silenced, at);
  }

  @Test
  void aFiringAlertIsToldOnceWithoutRenotify() {
    var first = decide(AlertState.FIRING, true, T0, null, null, null, false, T0);
    assertThat(first.event()).isEqualTo("firing");
    assertThat(first.notified()).isEqualTo("firing");
    assertThat(first.notifiedAt()).isEqualTo(T0);
    var later = decide(AlertState.FIRING, false, T0, "firing", T0, null, false,
        T0.plusSeconds(86_400));
    assertThat(later.event()).isNull();
    assertThat(later.notifiedAt()).isEqualTo(T0);
  }

  @Test
  void aFiringAlertIsToldAgainEveryRenotify() {
    assertThat(decide(AlertState.FIRING, false, T0, "firing", T0, 3600, false,
        T0.plusSeconds(3599)).event()).isNull();
    var again = decide(AlertState.FIRING, false, T0, "firing", T0, 3600, false,
        T0.plusSeconds(3600));
    assertThat(again.event()).isEqualTo("firing");
    assertThat(again.notifiedAt()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void aSilencedAlertIsToldWhenTheSilenceEndsIfItStillFires() {
    var silenced = decide(AlertState.FIRING, true, T0, null, null, null, true, T0);
    assertThat(silenced.event()).isNull();
    assertThat(silenced.notified()).isNull();
    assertThat(decide(AlertState.FIRING, false, T0, null, null, null, false, T0.plusSeconds(600))
        .event()).isEqualTo("firing");
  }

  @Test
  void aResolveIsToldOnlyIfTheFiringWas() {
    assertThat(decide(AlertState.RESOLVED, true, T0, "firing", T0, null, false, T0).event())
        .isEqualTo("resolved");
    assertThat(decide(AlertState.RESOLVED, true, T0, "firing", T0, null, true, T0).event())
        .as("silenced: the receiver's incident must still close").isEqualTo("resolved");
    assertThat(decide(AlertState.RESOLVED, true, T0, null, null, null, false, T0).event())
        .isNull();
    assertThat(decide(AlertState.RESOLVED, false, T0, "resolved", T0, null, false, T0).event())
        .isNull();
  }

  @Test
  void pendingAndAcknowledgedAlertsAreNotTold() {
    assertThat(decide(AlertState.PENDING, true, T0, null, null, null, false, T0).event())
        .isNull();
    assertThat(decide(AlertState.ACKNOWLEDGED, true, T0, "firing", T0, 60, false,
        T0.plusSeconds(3600)).event()).isNull();
  }

  @Test
  void anErrorIsToldAtTheThirdFailureInARowAndItsEndAsResolved() {
    assertThat(decide(AlertState.ERROR, true, T0, null, null, null, false, T0).event()).isNull();
    assertThat(decide(AlertState.ERROR, false, T0, null, null, null, false, T0.plusSeconds(60))
        .event()).isNull();
    var third = decide(AlertState.ERROR, false, T0, null, null, null, false,
        T0.plusSeconds(120));
    assertThat(third.event()).isEqualTo("error");
    assertThat(decide(AlertState.ERROR, false, T0, "error", T0.plusSeconds(120), null, false,
        T0.plusSeconds(180)).event()).isNull();
    assertThat(decide(AlertState.OK, true, T0, "error", T0, null, false, T0).event())
        .isEqualTo("resolved");
    assertThat(decide(AlertState.OK, true, T0, null, null, null, false, T0).event()).isNull();
  }
}
