package io.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Pushes the bodies with concurrent senders, then waits until Strata has indexed them all. */
final class IngestLoad {

  /** What the senders achieved: counts, and when the first send started and the last ack came. */
  record Sent(long accepted, long rejected, String firstError, long startNanos, long endNanos,
      long[] requestNanos) {}

  static final String INDEX_METRIC = "strata_index_events_total";

  private IngestLoad() {}

  /** Sends every body once, {@code clients} at a time, each sender on its own connection. */
  static Sent send(String url, String key, List<byte[]> bodies, int clients, Deadline deadline)
      throws IOException, InterruptedException {
    return send(List.of(url), key, bodies, clients, deadline);
  }

  /** As above, sender {@code c} sending to {@code urls[c % urls.size()]}: a cluster's ingest nodes. */
  static Sent send(List<String> urls, String key, List<byte[]> bodies, int clients,
      Deadline deadline) throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] requestNanos = new long[bodies.size()];
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      String url = urls.get(c % urls.size());
      pool.execute(() -> {
        StrataClient client = new StrataClient(url);
        try {
          go.await();
          int i;
          while (failure.get() == null && !deadline.passed() && (i = next.getAndIncrement()) < bodies.size()) {
            long started = System.nanoTime();
            StrataClient.Ack ack = client.ingest(key, bodies.get(i));
            requestNanos[i] = System.nanoTime() - started;
            accepted.addAndGet(ack.accepted());
            rejected.addAndGet(ack.rejected());
            if (ack.firstError() != null) {
              firstError.compareAndSet(null, ack.firstError());
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
    }
    long start = System.nanoTime();
    go.countDown();
    pool.shutdown();
    boolean done = pool.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    long end = System.nanoTime();
    if (!done) {
      pool.shutdownNow();
      throw new IOException("sending did not finish in time (" + next.get() + " of " + bodies.size()
          + " requests started)");
    }
    if (failure.get() != null) {
      throw new IOException("a sender failed", failure.get());
    }
    deadline.check("sending");
    return new Sent(accepted.get(), rejected.get(), firstError.get(), start, end, requestNanos);
  }

  /** One event that no other event resembles: {@code field} holds a fresh UUID. */
  static String uniqueEvent(String field, String id, String what) {
    return "{\"@timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"service\":\"bench\","
        + "\"host\":\"bench-client\",\"environment\":\"bench\",\"" + field + "\":\"" + id
        + "\",\"message\":\"benchmark " + what + " " + id + "\"}\n";
  }

  /** Sends one event carrying {@code field}:{@code id}; returns its size in bytes. */
  static int sendUnique(StrataClient client, String key, String field, String id, String what)
      throws IOException, InterruptedException {
    byte[] body = uniqueEvent(field, id, what).getBytes(StandardCharsets.UTF_8);
    StrataClient.Ack ack = client.ingest(key, body);
    if (ack.accepted() != 1) {
      throw new IOException("the " + what + " event was not accepted: " + ack);
    }
    return body.length;
  }

  /**
   * Polls the Prometheus counter of indexed events of {@code tenant} every 200 ms until it reaches
   * {@code expected}; returns System.nanoTime() of that moment.
   */
  static long awaitIndexed(StrataClient client, String tenant, long expected, BooleanSupplier alive,
      Deadline deadline) throws IOException, InterruptedException {
    return awaitIndexed(List.of(client), tenant, expected, alive, deadline);
  }

  /** As above, adding up the counters of every index node. */
  static long awaitIndexed(List<StrataClient> clients, String tenant, long expected,
      BooleanSupplier alive, Deadline deadline) throws IOException, InterruptedException {
    long lastReport = System.nanoTime();
    double indexed = -1;
    while (!deadline.passed()) {
      indexed = sum(clients, Map.of("tenant", tenant, "outcome", "indexed"));
      if (indexed >= expected) {
        return System.nanoTime();
      }
      double failed = sum(clients, Map.of("tenant", tenant, "outcome", "failed"));
      if (failed > 0 && indexed + failed >= expected) {
        throw new IOException((long) failed + " events failed to index; " + (long) indexed
            + " of " + expected + " indexed");
      }
      if (!alive.getAsBoolean()) {
        throw new IOException("the app died while indexing (" + (long) indexed + " indexed)");
      }
      if (System.nanoTime() - lastReport > 5_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf("  ... %,d of %,d events indexed%n", (long) indexed, expected);
      }
      Thread.sleep(200);
    }
    throw new IOException("only " + (long) indexed + " of " + expected + " events indexed in time");
  }

  /** Polls a search for {@code q} every {@code pollMillis} until it finds an event; returns nanoTime. */
  private static double sum(List<StrataClient> clients, Map<String, String> labels)
      throws IOException, InterruptedException {
    double sum = 0;
    for (StrataClient client : clients) {
      sum += Math.max(0, client.metric(INDEX_METRIC, labels));
    }
    return sum;
  }

  static long awaitSearchable(StrataClient client, String key, String q, long pollMillis,
      long timeoutMillis, Deadline deadline) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!deadline.passed() && System.nanoTime() < giveUp) {
      if (client.search(key, q, "now-2d", "now+1d", 1).total() >= 1) {
        return System.nanoTime();
      }
      Thread.sleep(pollMillis);
    }
    throw new IOException("'" + q + "' was not searchable within " + timeoutMillis + " ms");
  }

  /**
   * Freshness: sends {@code count} single events one after the other, each timed from its ack until
   * a search finds it (polled every 20 ms). Returns the milliseconds, and adds their bytes to
   * {@code rawBytes}.
   */
  static List<Double> freshness(StrataClient client, String key, int count, AtomicLong rawBytes,
      Deadline deadline) throws IOException, InterruptedException {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count && !deadline.passed(); i++) {
      String id = UUID.randomUUID().toString();
      rawBytes.addAndGet(sendUnique(client, key, "bench_probe", id, "probe"));
      long acked = System.nanoTime();
      long found = awaitSearchable(client, key, "bench_probe:\"" + id + "\"", 20, 20_000, deadline);
      millis.add((found - acked) / 1e6);
      Thread.sleep(300); // do not line up with the refresh timer
    }
    return millis;
  }
}
