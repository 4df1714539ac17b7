package io.strata.alerting.delivery;

import java.time.Duration;

/** Waits between attempts that double from a first one up to a cap. */
final class Backoff {

  private Backoff() {}

  /** The wait after the {@code attempt}th failed attempt (1 for the first). */
  static Duration after(int attempt, Duration initial, Duration max) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    Duration wait = initial.multipliedBy(1L << doublings);
    return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
  }
}
