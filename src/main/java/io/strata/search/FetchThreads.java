package io.strata.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that read part of a page's events while the search's own thread reads the rest (see
 * {@link StoredEvents#readAll}). One per core at most, and none waits in a queue: when all are
 * busy, as under many concurrent searches, a search reads its page alone, as it would without
 * them, rather than wait for help.
 */
@ApplicationScoped
public class FetchThreads {

  private final ThreadPoolExecutor pool;

  FetchThreads() {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(0, Runtime.getRuntime().availableProcessors(), 30,
        TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "strata-fetch-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs a task on an idle helper, or refuses it at once (RejectedExecutionException). */
  public Executor executor() {
    return pool;
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }
}
