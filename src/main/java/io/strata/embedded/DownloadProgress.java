package io.strata.embedded;

import java.util.function.Consumer;

/**
 * Progress lines for a long download: one at every tenth of the size when it is known (every 16 MB
 * when it is not), so that a first start fetching a large distribution is not silent for minutes;
 * but no more than one every two seconds, so that a fast download says little more than that it is
 * done.
 */
final class DownloadProgress {

  private static final long MB = 1024 * 1024;
  private static final long STEP_WITHOUT_SIZE = 16 * MB;
  private static final long MIN_INTERVAL_NANOS = 2_000_000_000L;

  private final String what;
  private final long total;
  private final Consumer<String> out;
  private final long started;
  private long received;
  private long nextReport;
  private long lastReport;

  /** {@code total} is the size in bytes, or -1 when the server did not say. */
  DownloadProgress(String what, long total, Consumer<String> out, long startedNanos) {
    this.what = what;
    this.total = total;
    this.out = out;
    this.started = startedNanos;
    this.lastReport = startedNanos;
    this.nextReport = step();
  }

  private long step() {
    return total > 0 ? Math.max(1, total / 10) : STEP_WITHOUT_SIZE;
  }

  /** Counts {@code bytes} more received at {@code nowNanos}, reporting each step passed. */
  void received(long bytes, long nowNanos) {
    received += bytes;
    if (received < nextReport || (total > 0 && received >= total)) {
      return;
    }
    long step = step();
    nextReport = (received / step + 1) * step;
    if (nowNanos - lastReport < MIN_INTERVAL_NANOS) {
      return;
    }
    lastReport = nowNanos;
    out.accept(line(nowNanos));
  }

  /** The last line: everything received, and how long it took. */
  void done(long nowNanos) {
    out.accept(String.format("%s: %d MB received in %d s", what, received / MB,
        Math.max(0, (nowNanos - started) / 1_000_000_000L)));
  }

  private String line(long nowNanos) {
    long seconds = Math.max(0, (nowNanos - started) / 1_000_000_000L);
    if (total > 0) {
      return String.format("%s: %d of %d MB (%d%%), %d s", what, received / MB, total / MB,
          received * 100 / total, seconds);
    }
    return String.format("%s: %d MB, %d s", what, received / MB, seconds);
  }
}
