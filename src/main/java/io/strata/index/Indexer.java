package io.strata.index;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import io.strata.tenancy.TenantIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Writes batches of Kafka records into the tenants' day indexes and decides when they are durable.
 *
 * <p>A batch is spread over {@link IndexConfig#threads()} threads. Every {@link
 * IndexConfig#commitInterval()} all touched indexes are committed with the Kafka positions they
 * hold, and only then are the batches acknowledged, which lets Kafka advance its committed offsets.
 */
@ApplicationScoped
public class Indexer {

  private static final Logger LOG = Logger.getLogger(Indexer.class);
  private static final long DAY_MILLIS = 86_400_000L;

  private final TenantIndexes indexes;
  private final IndexConfig config;
  private final MeterRegistry metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Long> progress = new HashMap<>();
  private final List<Runnable> waitingForCommit = new ArrayList<>();
  private Worker[] workers;
  private ExecutorService pool;
  private ScheduledExecutorService refresher;
  private long lastCommitNanos = System.nanoTime();
  private volatile Throwable failure;
  private volatile boolean closed;

  Indexer(TenantIndexes indexes, IndexConfig config, MeterRegistry metrics) {
    this.indexes = indexes;
    this.config = config;
    this.metrics = metrics;
  }

  @PostConstruct
  void start() {
    int threads = Math.max(1, config.threads());
    workers = new Worker[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker();
    }
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "strata-indexer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Quarkus' scheduler runs nothing more often than once a second; freshness needs less.
    refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strata-index-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, config.refreshInterval().toMillis());
    refresher.scheduleWithFixedDelay(indexes::refreshAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Indexes {@code records}; {@code onDurable} runs once a Lucene commit holds all of them.
   *
   * <p>Caution: records of one partition must arrive in offset order, as Kafka delivers them.
   */
  public void index(List<IndexerRecord> records, Runnable onDurable) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the indexer is shut down");
      }
      indexInParallel(records);
      for (IndexerRecord record : records) {
        progress.merge(record.topicPartition(), record.offset() + 1, Math::max);
      }
      waitingForCommit.add(onDurable);
      if (System.nanoTime() - lastCommitNanos >= config.commitInterval().toNanos()) {
        checkpointLocked();
      }
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deals the events of the batch out to the workers by their position in it, not by record: a
   * consumer that keeps up often polls a single record of thousands of events.
   */
  private void indexInParallel(List<IndexerRecord> records) {
    if (workers.length == 1) {
      workers[0].indexAll(records, 0, 1);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>(workers.length);
    for (int t = 0; t < workers.length; t++) {
      Worker worker = workers[t];
      int first = t;
      tasks.add(() -> {
        worker.indexAll(records, first, workers.length);
        return null;
      });
    }
    try {
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Commits on a timer, so that the last batches before a quiet spell become durable too. */
  @Scheduled(every = "${strata.index.commit-interval:5s}", delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void checkpoint() {
    lock.lock();
    try {
      if (!closed) {
        checkpointLocked();
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("Index commit failed; events stay in Kafka and are replayed on restart", e);
    } finally {
      lock.unlock();
    }
  }


  private void checkpointLocked() {
    lastCommitNanos = System.nanoTime();
    if (failure != null) {
      // A batch may be half in the indexes: committing it would record events beyond the offsets
      // and index them twice on replay. Stay uncommitted; the restart replays from Kafka.
      return;
    }
    try {
      indexes.commitAll(Map.copyOf(progress));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Runnable ack : waitingForCommit) {
      ack.run();
    }
    waitingForCommit.clear();
    indexes.closeIdle(config.closeIdleAfter().toNanos());
  }

  /** Commits and acknowledges at the start of shutdown, while Kafka can still take the offsets. */
  void onShutdown(@Observes ShutdownEvent event) {
    checkpoint();
  }

  /** The indexes this indexer writes. */
  TenantIndexes indexes() {
    return indexes;
  }

  /** Null while healthy; else what stopped the indexer. */
  public Throwable failure() {
    return failure;
  }

  /** Commits what is indexed, then closes the indexes. */
  @PreDestroy
  void stop() {
    lock.lock();
    try {
      if (!closed) {
        checkpointLocked();
      }
    } catch (RuntimeException e) {
      LOG.warn("Final commit failed; the events are replayed from Kafka on restart", e);
    } finally {
      closed = true;
      lock.unlock();
      refresher.shutdownNow();
      pool.shutdownNow();
      indexes.close();
    }
  }

  /** One indexing thread's reusable state. */
  private final class Worker {
    private final EventNormalizer normalizer = new EventNormalizer();
    private final EventDocumentBuilder builder = new EventDocumentBuilder(config.keywordMaxLength());
    private final Map<String, long[]> counts = new HashMap<>();
    private String lastTenant;
    private long lastDay = Long.MIN_VALUE;
    private BucketIndex lastBucket;

    /** Indexes the events whose position in the batch is {@code first} modulo {@code step}. */
    void indexAll(List<IndexerRecord> records, int first, int step) {
      counts.clear();
      // Between batches an idle index may have been closed: never reuse a bucket across batches.
      lastBucket = null;
      lastTenant = null;
      int position = 0;
      for (IndexerRecord record : records) {
        position = indexRecord(record, position, first, step);
      }
      counts.forEach((tenant, n) -> {
        metrics.counter("strata.index.events", "tenant", tenant, "outcome", "indexed").increment(n[0]);
        if (n[1] > 0) {
          metrics.counter("strata.index.events", "tenant", tenant, "outcome", "failed").increment(n[1]);
        }
        if (n[2] > 0) {
          metrics.counter("strata.index.events", "tenant", tenant, "outcome", "replayed").increment(n[2]);
        }
      });
    }

    /** Indexes this worker's share of a record's events; returns the batch position after it. */
    private int indexRecord(IndexerRecord record, int position, int first, int step) {
      String tenant = record.tenant();
      EventBatchReader reader;
      try {
        reader = new EventBatchReader(record.value());
      } catch (IllegalArgumentException e) {
        if (first == 0) {
          LOG.errorf("Skipping record %s@%d: %s", record.topicPartition(), record.offset(), e.getMessage());
        }
        return position;
      }
      if (!TenantIds.isValid(tenant)) {
        if (first == 0) {
          LOG.errorf("Skipping record %s@%d: invalid tenant key", record.topicPartition(), record.offset());
        }
        return position + reader.count();
      }
      long[] count = counts.computeIfAbsent(tenant, t -> new long[3]);
      String topicPartition = record.topicPartition();
      if (first == 0) {
        metrics.timer("strata.index.delay").record(
            Math.max(0, System.currentTimeMillis() - reader.ingestedAtMillis()), TimeUnit.MILLISECONDS);
      }
      int end = position + reader.count();
      while (hasNext(reader, record)) {
        if ((position + reader.index()) % step != first) {
          continue;
        }
        long seq = IndexSchema.seq(record.partition(), record.offset(), reader.index());
        builder.begin(seq, reader.kind(), reader.buffer(), reader.offset(), reader.length());
        try {
          normalizer.normalize(reader.kind(), reader.buffer(), reader.offset(), reader.length(),
              reader.ingestedAtMillis(), builder);
        } catch (IOException e) {
          count[1]++;
          LOG.warnf("Event %d of record %s@%d cannot be normalised: %s", reader.index(),
              topicPartition, record.offset(), e.getMessage());
          continue;
        }
        BucketIndex bucket = bucket(tenant, Math.floorDiv(builder.timestampMillis(), DAY_MILLIS));
        if (record.offset() < bucket.committedOffset(topicPartition)) {
          count[2]++; // replayed after a crash: this index already holds it
          continue;
        }
        try {
          bucket.add(builder.document());
          count[0]++;
        } catch (IllegalArgumentException e) {
          count[1]++;
          LOG.warnf("Event %d of record %s@%d rejected by the index: %s", reader.index(),
              topicPartition, record.offset(), e.getMessage());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return end;
    }

    /** A record damaged after its first events keeps those and loses only the rest. */
    private boolean hasNext(EventBatchReader reader, IndexerRecord record) {
      try {
        return reader.next();
      } catch (IllegalArgumentException e) {
        LOG.errorf("Skipping the rest of record %s@%d: %s", record.topicPartition(), record.offset(),
            e.getMessage());
        return false;
      }
    }

    private BucketIndex bucket(String tenant, long epochDay) {
      if (epochDay != lastDay || !tenant.equals(lastTenant)) {
        lastBucket = indexes.forWrite(tenant, LocalDate.ofEpochDay(epochDay));
        lastTenant = tenant;
        lastDay = epochDay;
      }
      return lastBucket;
    }
  }
}
