package io.strata.infra.jobs;

import org.jboss.logging.Logger;

/**
 * State read from the database that a hot path must not guess at before it has been read once
 * (retention policies, erasures): the first caller that finds it unread reads it, and keeps trying
 * every few seconds while the database cannot be reached, rather than go on without it.
 */
public final class FirstLoad {

  private static final long RETRY_MILLIS = 5_000;

  private final String what;
  private final Runnable load;
  private final Logger log;
  private volatile boolean loaded;

  /** {@code load} reads the state (and throws when it cannot); {@code what} names it in logs. */
  public FirstLoad(String what, Runnable load, Logger log) {
    this.what = what;
    this.load = load;
    this.log = log;
  }

  /** Reads the state now; a failure is logged, and the first {@link #await} tries again. */
  public void tryNow() {
    try {
      run();
    } catch (RuntimeException e) {
      log.errorf("%s could not be read (%s); indexing waits until they are", what, e.getMessage());
    }
  }

  /** Reads the state again; throws when it cannot. */
  public void run() {
    load.run();
    loaded = true;
  }

  /** Whether the state has been read at least once; never waits. */
  public boolean loaded() {
    return loaded;
  }

  /** Returns once the state has been read at least once, reading it if need be. */
  public void await() {
    while (!loaded) {
      try {
        run();
      } catch (RuntimeException e) {
        log.errorf("%s could not be read (%s); indexing waits and retries", what, e.getMessage());
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + what);
        }
      }
    }
  }
}
