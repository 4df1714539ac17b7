package io.strata.alerting;

import static io.strata.alerting.AlertState.ACKNOWLEDGED;
import static io.strata.alerting.AlertState.ERROR;
import static io.strata.alerting.AlertState.FIRING;
import static io.strata.alerting.AlertState.OK;
import static io.strata.alerting.AlertState.PENDING;
import static io.strata.alerting.AlertState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.alerting.AlertStateMachine.Step;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

  private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

  private static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void withoutForAMetConditionFiresAtOnceAndResolvesWhenItStopsHolding() {
    Step fired = AlertStateMachine.evaluate(null, null, true, 0, t(0));
    assertThat(fired).isEqualTo(new Step(FIRING, t(0), true));
    assertThat(AlertStateMachine.evaluate(OK, null, true, 0, t(0))).isEqualTo(fired);
    // Still firing: no transition, the same since.
    assertThat(AlertStateMachine.evaluate(FIRING, t(0), true, 0, t(10)))
        .isEqualTo(new Step(FIRING, t(0), false));
    assertThat(AlertStateMachine.evaluate(FIRING, t(0), false, 0, t(20)))
        .isEqualTo(new Step(RESOLVED, t(20), true));
    // Resolved and quiet stays resolved; it fires again when the condition holds again.
    assertThat(AlertStateMachine.evaluate(RESOLVED, t(20), false, 0, t(30)))
        .isEqualTo(new Step(RESOLVED, t(20), false));
    assertThat(AlertStateMachine.evaluate(RESOLVED, t(20), true, 0, t(40)))
        .isEqualTo(new Step(FIRING, t(40), true));
  }

  @Test
  void aConditionThatDoesNotHoldLeavesAnOkGroupAlone() {
    assertThat(AlertStateMachine.evaluate(null, null, false, 0, t(0)))
        .isEqualTo(new Step(OK, null, false));
    assertThat(AlertStateMachine.evaluate(OK, null, false, 60, t(0)))
        .isEqualTo(new Step(OK, null, false));
  }

  @Test
  void withForTheConditionMustHoldThatLongBeforeFiring() {
    Step pending = AlertStateMachine.evaluate(OK, null, true, 60, t(0));
    assertThat(pending).isEqualTo(new Step(PENDING, t(0), true));
    assertThat(AlertStateMachine.evaluate(PENDING, t(0), true, 60, t(30)))
        .isEqualTo(new Step(PENDING, t(0), false));
    assertThat(AlertStateMachine.evaluate(PENDING, t(0), true, 60, t(59)))
        .isEqualTo(new Step(PENDING, t(0), false));
    assertThat(AlertStateMachine.evaluate(PENDING, t(0), true, 60, t(60)))
        .isEqualTo(new Step(FIRING, t(60), true));
    // A pending alert whose condition stops holding goes back to ok: it never fired.
    assertThat(AlertStateMachine.evaluate(PENDING, t(0), false, 60, t(30)))
        .isEqualTo(new Step(OK, t(30), true));
    // A pending alert whose rule's for was shortened fires on its next evaluation.
    assertThat(AlertStateMachine.evaluate(PENDING, t(0), true, 0, t(10)))
        .isEqualTo(new Step(FIRING, t(10), true));
  }

  @Test
  void anAcknowledgedAlertStaysSoUntilItResolves() {
    assertThat(AlertStateMachine.acknowledgeable(FIRING)).isTrue();
    for (AlertState state : new AlertState[] {OK, PENDING, ACKNOWLEDGED, RESOLVED, ERROR}) {
      assertThat(AlertStateMachine.acknowledgeable(state)).as(state.label()).isFalse();
    }
    assertThat(AlertStateMachine.evaluate(ACKNOWLEDGED, t(5), true, 0, t(10)))
        .isEqualTo(new Step(ACKNOWLEDGED, t(5), false));
    assertThat(AlertStateMachine.evaluate(ACKNOWLEDGED, t(5), false, 0, t(20)))
        .isEqualTo(new Step(RESOLVED, t(20), true));
  }

  @Test
  void aFailedQueryIsAnErrorUntilAnEvaluationSucceeds() {
    assertThat(AlertStateMachine.failed(OK, null, t(0))).isEqualTo(new Step(ERROR, t(0), true));
    assertThat(AlertStateMachine.failed(FIRING, t(0), t(10)))
        .isEqualTo(new Step(ERROR, t(10), true));
    assertThat(AlertStateMachine.failed(ERROR, t(10), t(20)))
        .isEqualTo(new Step(ERROR, t(10), false));
    assertThat(AlertStateMachine.evaluate(ERROR, t(10), false, 0, t(30)))
        .isEqualTo(new Step(OK, t(30), true));
    assertThat(AlertStateMachine.evaluate(ERROR, t(10), true, 0, t(30)))
        .isEqualTo(new Step(FIRING, t(30), true));
    assertThat(AlertStateMachine.evaluate(ERROR, t(10), true, 60, t(30)))
        .isEqualTo(new Step(PENDING, t(30), true));
  }

  @Test
  void statesHaveLowerCaseLabels() {
    assertThat(ACKNOWLEDGED.label()).isEqualTo("acknowledged");
    assertThat(AlertState.of("firing")).isEqualTo(FIRING);
    assertThat(AlertState.of(null)).isEqualTo(OK);
  }

  @Test
  void theFingerprintIsStableAndDependsOnTheRuleAndTheGroupOnly() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("service", "a");
    ab.put("host", "b");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("host", "b");
    ba.put("service", "a");
    String fingerprint = AlertFingerprint.of("rule_1", ab);
    assertThat(fingerprint).matches("[0-9a-f]{64}")
        .isEqualTo(AlertFingerprint.of("rule_1", ba))
        // sha256 of {"group":{"host":"b","service":"a"},"rule":"rule_1"}
        .isEqualTo(sha256("{\"group\":{\"host\":\"b\",\"service\":\"a\"},\"rule\":\"rule_1\"}"));
    assertThat(AlertFingerprint.of("rule_2", ab)).isNotEqualTo(fingerprint);
    assertThat(AlertFingerprint.of("rule_1", Map.of("service", "a"))).isNotEqualTo(fingerprint);
    assertThat(AlertFingerprint.of("rule_1", Map.of())).isNotEqualTo(fingerprint);
    assertThat(AlertFingerprint.read(AlertFingerprint.write(ab))).containsExactly(
        Map.entry("service", "a"), Map.entry("host", "b"));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
