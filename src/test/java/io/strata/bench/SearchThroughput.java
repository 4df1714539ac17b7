package io.strata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Searches per second with several clients at once, each going round the searches of the standard
 * set (first pages only): what the node serves when the disk cache is warm and every search is
 * also recorded in the audit trail.
 */
final class SearchThroughput {

  /** What the stage measured. */
  record Result(int clients, double seconds, long searches, long failures, double perSecond) {}

  private SearchThroughput() {}

  static Result run(StrataClient client, String key, List<SearchLatency.Query> queries, int clients,
      int seconds, int limit) throws InterruptedException {
    List<SearchLatency.Query> searches = queries.stream()
        .filter(q -> q.path().equals("/api/v1/search")).toList();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c;
      threads.add(Thread.ofPlatform().name("bench-search-" + c).start(() -> {
        for (int i = offset; System.nanoTime() < end; i++) {
          SearchLatency.Query query = searches.get(i % searches.size());
          try {
            client.request(key, query.path(), query.q(), SearchLatency.FROM, SearchLatency.TO, limit,
                query.extra());
            done.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Result(clients, Stats.round(elapsed, 1), done.get(), failed.get(),
        Stats.round(done.get() / elapsed, 1));
  }
}
