package io.strata.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When each pending upload may be tried again: after its n-th failure in a row it waits the first
 * interval doubled n-1 times, at most the longest, so a bucket that is down for an hour is not
 * asked for every index every minute. Kept in memory only: a restart tries everything pending at
 * once, which is what an operator who restarted a node expects. Not thread-safe: the uploader's
 * single thread owns it.
 */
final class UploadRetries {

  private record Failures(int count, Instant next) {}

  private final Duration first;
  private final Duration longest;
  private final Map<String, Failures> failures = new HashMap<>();

  UploadRetries(Duration first, Duration longest) {
    if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
      throw new IllegalArgumentException("retry interval " + first + " and longest wait "
          + longest + " do not fit");
    }
    this.first = first;
    this.longest = longest;
  }

  /** Whether {@code upload} may be tried at {@code now}: it never failed, or its wait is over. */
  boolean isDue(String upload, Instant now) {
    Failures f = failures.get(upload);
    return f == null || !now.isBefore(f.next());
  }

  /** Records a failure of {@code upload} at {@code now}; returns how long it now waits. */
  Duration failed(String upload, Instant now) {
    int count = failures.containsKey(upload) ? failures.get(upload).count() + 1 : 1;
    Duration wait = waitAfter(count);
    failures.put(upload, new Failures(count, now.plus(wait)));
    return wait;
  }

  /** Forgets the failures of {@code upload}: it landed. */
  void succeeded(String upload) {
    failures.remove(upload);
  }

  /** How many times in a row {@code upload} failed. */
  int failures(String upload) {
    Failures f = failures.get(upload);
    return f == null ? 0 : f.count();
  }

  /** Forgets every upload not in {@code pending} (sealed again since, or deleted). */
  void retainOnly(Set<String> pending) {
    failures.keySet().retainAll(pending);
  }

  private Duration waitAfter(int count) {
    Duration wait = first;
    for (int i = 1; i < count && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(longest) > 0 ? longest : wait;
  }
}
