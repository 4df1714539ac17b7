package io.strata.index;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.pipeline.EventBatchReader;
import io.strata.tenancy.TenantIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

/**
 * Writes batches of Kafka records into the tenants' day indexes and decides when they are durable.
 *
 * <p>A batch is spread over {@link IndexConfig#threads()} threads. Every {@link
 * IndexConfig#commitInterval()} all touched indexes are committed with the Kafka positions they
 * hold, and only then are the batches acknowledged, which lets Kafka advance its committed offsets.
 *
 * <p>Those periodic commits run on a thread of their own while indexing goes on (a commit flushes
 * every buffered event to disk, seconds under load, and indexing stood still for a quarter of a
 * long load while it waited for them). Such a commit is loose: it records the positions of the
 * batches finished when it started, and may also hold events of later ones, which {@link
 * BucketIndex} drops again should the process die before the next commit. Everything else that
 * commits (snapshots, hand-overs, erasures, shutdown) waits for the one under way and commits
 * exactly, between batches.
 */
@ApplicationScoped
public class Indexer {

  private static final Logger LOG = Logger.getLogger(Indexer.class);

  private final TenantIndexes indexes;
  private final IndexConfig config;
  private final MeterRegistry metrics;
  private final IndexListener listener;
  private final RetentionRouting routing;
  private final ParsingRouting parsing;
  private final ErasureGuard erasures;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Long> progress = new HashMap<>();
  /** The next offset to index per partition, as far as this node indexed: read by other threads. */
  private final Map<Integer, Long> indexedNext = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Runnable> waitingForCommit = new ArrayList<>();
  /** Partitions handed over to another node: records of theirs still in flight are not indexed. */
  private final java.util.Set<String> handedOver = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private IndexWorker[] workers;
  private ExecutorService pool;
  private ScheduledExecutorService refresher;
  private ExecutorService committer;
  /** The loose commit under way, if any (guarded by the lock). */
  private Future<?> committing = CompletableFuture.completedFuture(null);
  private long lastCommitNanos = System.nanoTime();
  private volatile Throwable failure;
  private volatile boolean closed;

  @Inject
  Indexer(TenantIndexes indexes, IndexConfig config, MeterRegistry metrics,
      IndexListener listener, RetentionRouting routing, ParsingRouting parsing,
      ErasureGuard erasures, InstantSource clock) {
    this.indexes = indexes;
    this.config = config;
    this.metrics = metrics;
    this.listener = listener;
    this.routing = routing;
    this.parsing = parsing;
    this.erasures = erasures;
    this.clock = clock;
  }

  /** An indexer whose events nobody follows (no live tail) and which keeps every event. */
  Indexer(TenantIndexes indexes, IndexConfig config, MeterRegistry metrics) {
    this(indexes, config, metrics, IndexListener.NONE, RetentionRouting.KEEP_ALL,
        ParsingRouting.NONE, ErasureGuard.NONE, InstantSource.system());
  }

  @PostConstruct
  void start() {
    int threads = Math.max(1, config.threads());
    workers = new IndexWorker[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new IndexWorker(indexes, config, metrics, listener, routing, parsing,
          erasures, clock);
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
    committer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "strata-index-commit");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, config.refreshInterval().toMillis());
    refresher.scheduleWithFixedDelay(indexes::refreshAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The offset after the last record of {@code partition} this node indexed since it started (its
   * events are searchable at the next refresh), or -1 if none.
   */
  public long indexedNext(int partition) {
    return indexedNext.getOrDefault(partition, -1L);
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
      records = records.stream().filter(this::isNew).toList();
      indexInParallel(records);
      for (IndexerRecord record : records) {
        progress.merge(record.topicPartition(), record.offset() + 1, Math::max);
        indexedNext.merge(record.partition(), record.offset() + 1, Math::max);
      }
      waitingForCommit.add(onDurable);
      if (System.nanoTime() - lastCommitNanos >= config.commitInterval().toNanos()) {
        startCommitLocked();
      }
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a record is still to be indexed here: not of a partition handed over to another node,
   * and not already indexed by this node. A batch polled before a rebalance can reach the indexer
   * after it (Kafka may give the partition straight back), while the consumer reads the partition
   * again from the offset committed at the hand-over: its records then come twice.
   */
  private boolean isNew(IndexerRecord record) {
    String partition = record.topicPartition();
    return !handedOver.contains(partition) && record.offset() >= progress.getOrDefault(partition, 0L);
  }

  /**
   * Indexes the batch's events on the workers, which claim contiguous runs of them ({@link
   * BatchChunks}); a consumer that keeps up often polls a single record of thousands of events, so
   * runs are cut by position in the batch, not by record.
   */
  private void indexInParallel(List<IndexerRecord> records) {
    int[] counts = countAndReport(records);
    BatchChunks chunks = new BatchChunks(records, counts, workers.length);
    if (workers.length == 1 || chunks.runs() <= 1) {
      workers[0].indexAll(chunks);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>(workers.length);
    for (IndexWorker worker : workers) {
      tasks.add(() -> {
        worker.indexAll(chunks);
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

  /**
   * The events of each record; 0 for a record the workers skip, which is logged here, once. Also
   * times how long each record waited in Kafka.
   */
  private int[] countAndReport(List<IndexerRecord> records) {
    int[] counts = new int[records.size()];
    long now = System.currentTimeMillis();
    Timer delay = metrics.timer("strata.index.delay");
    for (int i = 0; i < counts.length; i++) {
      IndexerRecord record = records.get(i);
      EventBatchReader reader;
      try {
        reader = new EventBatchReader(record.value());
      } catch (IllegalArgumentException e) {
        LOG.errorf("Skipping record %s@%d: %s", record.topicPartition(), record.offset(),
            e.getMessage());
        continue;
      }
      if (!TenantIds.isValid(record.tenant())) {
        LOG.errorf("Skipping record %s@%d: invalid tenant key", record.topicPartition(),
            record.offset());
        continue;
      }
      delay.record(Math.max(0, now - reader.ingestedAtMillis()), TimeUnit.MILLISECONDS);
      counts[i] = reader.count();
    }
    return counts;
  }

  /** Throws unless the indexer runs and has not failed (the caller holds the lock). */
  private void requireRunning() {
    if (closed || failure != null) {
      throw new IllegalStateException(closed ? "the indexer is shut down"
          : "the indexer has failed and waits for a restart");
    }
  }

  /** Commits on a timer, so that the last batches before a quiet spell become durable too. */
  @Scheduled(every = "${strata.index.commit-interval:5s}", delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void commitOnTimer() {
    lock.lock();
    try {
      if (!closed) {
        startCommitLocked();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Commits everything indexed so far, exactly, and acknowledges it; returns when it is done. */
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

  /**
   * Starts a loose commit of everything indexed so far on the commit thread, unless one is still
   * under way (it covers the batches before it; the next batch asks again).
   */
  private void startCommitLocked() {
    if (!committing.isDone()) {
      return;
    }
    lastCommitNanos = System.nanoTime();
    if (failure != null) {
      return; // see checkpointLocked
    }
    // Nothing is being added nor committed: the moment to close what nobody uses any more.
    indexes.closeIdle(config.closeIdleAfter().toNanos());
    List<BucketIndex> due = indexes.startCommit(false);
    Map<String, Long> at = Map.copyOf(progress);
    List<Runnable> acks = List.copyOf(waitingForCommit);
    waitingForCommit.clear();
    committing = committer.submit(() -> {
      try {
        commit(due, at, true);
      } catch (IOException | RuntimeException e) {
        failure = e;
        LOG.error("Index commit failed; events stay in Kafka and are replayed on restart", e);
        return;
      }
      acks.forEach(Runnable::run);
    });
  }

  /** Commits exactly, between batches, after the loose commit under way (if any) is done. */
  private void checkpointLocked() {
    awaitCommitLocked();
    lastCommitNanos = System.nanoTime();
    if (failure != null) {
      // A batch may be half in the indexes: committing it would record events beyond the offsets
      // and index them twice on replay. Stay uncommitted; the restart replays from Kafka.
      return;
    }
    try {
      commit(indexes.startCommit(true), Map.copyOf(progress), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Runnable ack : waitingForCommit) {
      ack.run();
    }
    waitingForCommit.clear();
    indexes.closeIdle(config.closeIdleAfter().toNanos());
  }

  private void commit(List<BucketIndex> due, Map<String, Long> at, boolean loose)
      throws IOException {
    long start = System.nanoTime();
    indexes.commit(due, at, loose);
    if (!due.isEmpty()) {
      Timer.builder("strata.index.commit")
          .description("Lucene commits of the indexes that had something to commit")
          .register(metrics).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Waits for the loose commit under way, if any; a failed one has set {@link #failure}. */
  private void awaitCommitLocked() {
    try {
      committing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a commit", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // the task catches what it throws
    }
  }

  /**
   * Commits everything indexed and pins, under {@code staging}, the last commit of every index
   * whose generation differs from {@code have} (index to the generation the caller already holds a
   * copy of): a consistent cut that the caller can copy while indexing goes on. Indexing waits
   * only for the commit and the hard links.
   */
  public IndexSnapshot snapshot(java.nio.file.Path staging, Map<IndexId, Long> have) {
    lock.lock();
    try {
      requireRunning();
      checkpointLocked();
      Map<IndexId, CommitFiles> commits = new HashMap<>();
      for (IndexId id : indexes.listAll()) {
        long generation = indexes.commitGeneration(id);
        if (generation < 0 || Long.valueOf(generation).equals(have.get(id))) {
          continue;
        }
        CommitFiles pinned = indexes.pinLatestCommit(id,
            staging.resolve(id.tenant()).resolve(id.directoryName()));
        if (pinned != null) {
          commits.put(id, pinned);
        }
      }
      return new IndexSnapshot(Map.copyOf(progress), commits);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands partitions over to the node that takes them (Kafka moved them): commits everything
   * indexed, and returns, per partition, the offset after the last record indexed here, which the
   * caller commits to Kafka before the new owner starts reading. Records of these partitions that
   * arrive later (polled before the move) are dropped: the new owner indexes them.
   */
  public Map<String, Long> handOver(java.util.Collection<String> topicPartitions) {
    lock.lock();
    try {
      handedOver.addAll(topicPartitions);
      if (!closed) {
        checkpointLocked();
      }
      if (failure != null) {
        return Map.of(); // nothing more is committed: the new owner replays from Kafka's offsets
      }
      Map<String, Long> positions = new HashMap<>();
      for (String partition : topicPartitions) {
        Long next = progress.get(partition);
        if (next != null) {
          positions.put(partition, next);
        }
      }
      return positions;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes what this node indexed of partitions that another node has since taken over, from the
   * offset that node started at ({@code cutoffs}: topic partition to offset), and forgets having
   * indexed them beyond it: the other node indexes those records. This is the one case a hand-over
   * cannot cover — this node was killed, or lost its session, after committing to Lucene records
   * whose offsets Kafka had not recorded yet. Returns how many events were deleted.
   */
  public long dropTakenOver(Map<String, Long> cutoffs) {
    if (cutoffs.isEmpty()) {
      return 0;
    }
    // Found before taking the lock: reading every index's commit point must not stall indexing.
    List<IndexId> holding = indexes.holdingBeyond(cutoffs);
    lock.lock();
    try {
      if (closed || failure != null) {
        return 0; // a restart replays and comes here again
      }
      checkpointLocked();
      cutoffs.forEach((partition, from) -> {
        progress.computeIfPresent(partition, (key, next) -> Math.min(next, from));
        indexedNext.computeIfPresent(TenantIndexes.partitionOf(partition),
            (key, next) -> Math.min(next, from));
      });
      return indexes.dropPartitionTails(holding, cutoffs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /** Takes partitions (back) that Kafka assigned to this node. */
  public void takeOver(java.util.Collection<String> topicPartitions) {
    handedOver.removeAll(topicPartitions);
  }

  /** Commits and acknowledges at the start of shutdown, while Kafka can still take the offsets. */
  void onShutdown(@Observes ShutdownEvent event) {
    checkpoint();
  }

  /**
   * Deletes an index (retention, erasure) between batches, so that no event is being added to it;
   * returns what it held. Events of it not yet committed are dropped with it.
   */
  public IndexStats delete(IndexId id) {
    lock.lock();
    try {
      awaitCommitLocked(); // which may be committing this one
      return indexes.delete(id);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Erases the events {@code query} matches from an index, between batches: everything indexed so
   * far is committed (and acknowledged) first, so the erasure's own commit records no Kafka
   * position that a replay could undo.
   */
  public EraseResult erase(IndexId id, Query query) {
    lock.lock();
    try {
      // A failed indexer may hold half a batch uncommitted; the erasure's commit would keep it.
      requireRunning();
      checkpointLocked();
      return indexes.erase(id, query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Prepares an index for sealing: merges it into one segment (outside the indexing lock, so
   * indexing goes on meanwhile), then commits everything, so its last commit is what gets sealed.
   * Returns false when the index is gone.
   */
  public boolean prepareSeal(IndexId id) {
    try {
      if (!indexes.mergeForSealing(id)) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkpoint();
    if (failure != null) {
      throw new IllegalStateException("the indexer has failed and waits for a restart");
    }
    return true;
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
      committer.shutdownNow();
      pool.shutdownNow();
      indexes.close();
    }
  }
}
