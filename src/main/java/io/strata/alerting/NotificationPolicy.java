package io.strata.alerting;

import java.time.Duration;
import java.time.Instant;

/**
 * When an alert's receivers are told, without reading or writing anything: from the alert's state
 * after an evaluation and what they were last told ({@code notified}: firing, resolved or error, and
 * when), the notification due now, if any, and what they will have been told.
 *
 * <ul>
 *   <li>firing: told once, then again every {@code renotify} — not while a silence covers it (told
 *       when the silence ends, if it still fires), not once acknowledged;
 *   <li>resolved: told only if its firing was, silenced or not (a receiver that opened an incident
 *       must be able to close it);
 *   <li>error: told at the {@value #ERRORS_TO_TELL}rd failed evaluation in a row, and its end told
 *       as resolved.
 * </ul>
 */
final class NotificationPolicy {

  /** Failed evaluations in a row before an alert in error is told. */
  static final int ERRORS_TO_TELL = 3;
  static final String FIRING = "firing";
  static final String RESOLVED = "resolved";
  static final String ERROR = "error";

  /** The notification to send ({@code event}, null for none) and what will have been told. */
  record Decision(String event, String notified, Instant notifiedAt) {}

  private NotificationPolicy() {}

  /**
   * @param state the alert's state after the evaluation at {@code at}
   * @param transition whether the evaluation changed it
   * @param since when the current state began
   * @param renotifySeconds how often a firing alert is told again; null: once
   */
  static Decision decide(AlertState state, boolean transition, Instant since, String notified,
      Instant notifiedAt, Integer renotifySeconds, int everySeconds, boolean silenced,
      Instant at) {
    Decision keep = new Decision(null, notified, notifiedAt);
    return switch (state) {
      case FIRING -> {
        if (silenced) {
          yield keep;
        }
        if (!FIRING.equals(notified)) {
          yield new Decision(FIRING, FIRING, at);
        }
        boolean again = renotifySeconds != null && notifiedAt != null
            && !at.isBefore(notifiedAt.plusSeconds(renotifySeconds));
        yield again ? new Decision(FIRING, FIRING, at) : keep;
      }
      case RESOLVED -> transition && FIRING.equals(notified)
          ? new Decision(RESOLVED, RESOLVED, at) : keep;
      case ERROR -> {
        long inRow = since == null ? 1
            : Duration.between(since, at).toSeconds() / Math.max(1, everySeconds) + 1;
        yield inRow >= ERRORS_TO_TELL && !ERROR.equals(notified) && !silenced
            ? new Decision(ERROR, ERROR, at) : keep;
      }
      case OK -> transition && ERROR.equals(notified)
          ? new Decision(RESOLVED, RESOLVED, at) : keep;
      case PENDING, ACKNOWLEDGED -> keep;
    };
  }
}
