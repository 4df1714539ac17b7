package io.strata.alerting;

import java.time.Duration;
import java.time.Instant;

/**
 * How an alert moves between {@link AlertState}s, without reading or writing anything: given its
 * state (and since when), whether the rule's condition holds for its group at evaluation time
 * {@code at}, and the rule's {@code for}, the next state and whether that is a transition.
 *
 * <pre>
 * ok | resolved | error --met--> pending (for &gt; 0) or firing (for = 0)
 * pending --met, held for {@code for}--> firing;   pending --not met--> ok
 * firing | acknowledged --not met--> resolved;     firing --ack--> acknowledged
 * error --not met--> ok;   any --query failed--> error
 * </pre>
 */
final class AlertStateMachine {

  /** The state after a step, since when it holds, and whether it changed. */
  record Step(AlertState state, Instant since, boolean transition) {}

  private AlertStateMachine() {}

  /**
   * The step of an alert in {@code previous} (null: ok) since {@code since} when the condition is
   * ({@code met}) or is not met at {@code at}.
   */
  static Step evaluate(AlertState previous, Instant since, boolean met, long forSeconds,
      Instant at) {
    AlertState from = previous == null ? AlertState.OK : previous;
    return switch (from) {
      case OK, RESOLVED, ERROR -> {
        if (met) {
          yield moved(forSeconds > 0 ? AlertState.PENDING : AlertState.FIRING, at);
        }
        yield from == AlertState.ERROR ? moved(AlertState.OK, at) : stayed(from, since);
      }
      case PENDING -> {
        if (!met) {
          yield moved(AlertState.OK, at);
        }
        boolean heldLongEnough = since == null
            || Duration.between(since, at).compareTo(Duration.ofSeconds(forSeconds)) >= 0;
        yield heldLongEnough ? moved(AlertState.FIRING, at) : stayed(from, since);
      }
      case FIRING, ACKNOWLEDGED -> met ? stayed(from, since) : moved(AlertState.RESOLVED, at);
    };
  }

  /** The step of an alert whose rule's query failed at {@code at}. */
  static Step failed(AlertState previous, Instant since, Instant at) {
    return previous == AlertState.ERROR ? stayed(AlertState.ERROR, since)
        : moved(AlertState.ERROR, at);
  }

  /** Whether a user may acknowledge an alert in {@code state}: only a firing one. */
  static boolean acknowledgeable(AlertState state) {
    return state == AlertState.FIRING;
  }

  private static Step moved(AlertState state, Instant at) {
    return new Step(state, at, true);
  }

  private static Step stayed(AlertState state, Instant since) {
    return new Step(state, since, false);
  }
}
