package io.strata.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant token buckets over events per second, so one tenant cannot take a node's whole ingest
 * capacity. A bucket holds two seconds' worth of events; a request is let in while its tenant's
 * bucket is not empty and then takes all its events, so large batches pass and the average rate
 * still holds.
 */
@ApplicationScoped
public class TenantRateLimiter {

  static final double BURST_SECONDS = 2.0;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Seconds the tenant must wait before sending more, or 0 when it may send now. */
  public long secondsToWait(String tenant, int eventsPerSecond) {
    if (eventsPerSecond <= 0) {
      return 0;
    }
    Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket());
    synchronized (bucket) {
      return bucket.secondsToWait(eventsPerSecond, System.nanoTime());
    }
  }

  /** Takes {@code events} from the tenant's allowance. */
  public void take(String tenant, int eventsPerSecond, int events) {
    if (eventsPerSecond <= 0 || events == 0) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket());
    synchronized (bucket) {
      bucket.take(eventsPerSecond, events, System.nanoTime());
    }
  }

  /** One tenant's allowance; the caller synchronises. */
  static final class Bucket {
    private double tokens = Double.NaN;
    private long lastNanos;

    long secondsToWait(int rate, long nowNanos) {
      refill(rate, nowNanos);
      return tokens > 0 ? 0 : Math.max(1, (long) Math.ceil(-tokens / rate));
    }

    void take(int rate, int events, long nowNanos) {
      refill(rate, nowNanos);
      tokens -= events;
    }

    private void refill(int rate, long nowNanos) {
      double capacity = rate * BURST_SECONDS;
      if (Double.isNaN(tokens)) {
        tokens = capacity;
      } else {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * rate);
      }
      lastNanos = nowNanos;
    }
  }
}
