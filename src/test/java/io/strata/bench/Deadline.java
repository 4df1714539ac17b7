package io.strata.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The moment the whole benchmark gives up; every wait is bounded by it. */
final class Deadline {

  private final long endNanos;
  private final int minutes;

  Deadline(int minutes) {
    this.minutes = minutes;
    this.endNanos = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
  }

  boolean passed() {
    return System.nanoTime() >= endNanos;
  }

  long remainingNanos() {
    return Math.max(0, endNanos - System.nanoTime());
  }

  /** Throws when the time is up, naming what was going on. */
  void check(String what) throws IOException {
    if (passed()) {
      throw new IOException("gave up during " + what + ": the benchmark's " + minutes
          + "-minute limit has passed");
    }
  }
}
