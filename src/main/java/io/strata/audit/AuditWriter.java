package io.strata.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes audit events in groups: the events that arrive while one transaction commits go together
 * in the next, each chain's head locked once per group. Under load this turns one transaction per
 * audited read into one per group, which is what keeps auditing every search cheap; each caller
 * still hears only once its own event is committed (fail closed).
 */
@ApplicationScoped
class AuditWriter {

  /** Most events one transaction takes; the rest wait for the next. */
  private static final int MAX_GROUP = 512;

  private record Pending(AuditEntry entry, UniEmitter<? super AuditRecord> done) {}

  private final Pool pool;
  private final InstantSource clock;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  AuditWriter(Pool pool, InstantSource clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Writes {@code entry} with the next group; the Uni ends when it is committed. */
  Uni<AuditRecord> write(AuditEntry entry) {
    return Uni.createFrom().emitter(done -> {
      queue.add(new Pending(entry, done));
      drain();
    });
  }

  /** Starts a group unless one is being written; the one being written starts the next. */
  private void drain() {
    if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
      return;
    }
    List<Pending> group = new ArrayList<>();
    for (Pending next = queue.poll(); next != null; next = group.size() < MAX_GROUP ? queue.poll() : null) {
      group.add(next);
    }
    Instant now = clock.instant();
    pool.withTransaction(connection -> writeGroup(connection, group, now))
        .subscribe().with(records -> {
          for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(records.get(i));
          }
          next();
        }, failure -> {
          group.forEach(pending -> pending.done().fail(failure));
          next();
        });
  }

  private void next() {
    writing.set(false);
    drain();
  }

  /** Appends the group chain by chain (in name order, so two nodes never wait on each other). */
  private static Uni<List<AuditRecord>> writeGroup(SqlConnection connection, List<Pending> group,
      Instant now) {
    Map<String, List<Integer>> byChain = new TreeMap<>();
    for (int i = 0; i < group.size(); i++) {
      byChain.computeIfAbsent(group.get(i).entry().chain(), chain -> new ArrayList<>()).add(i);
    }
    AuditRecord[] records = new AuditRecord[group.size()];
    PoolChainStore store = new PoolChainStore(connection);
    Uni<Void> chained = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<Integer>> chain : byChain.entrySet()) {
      chained = chained.chain(() -> store.lockHead(chain.getKey()).chain(head -> {
        List<AuditRecord> appended = new ArrayList<>();
        long seq = head.seq();
        String prev = head.hash();
        for (int index : chain.getValue()) {
          AuditRecord record = AuditTrail.link(group.get(index).entry(), ++seq, prev, now);
          records[index] = record;
          appended.add(record);
          prev = record.hash();
        }
        return store.insertAll(appended)
            .chain(() -> store.updateHead(chain.getKey(), appended.getLast().seq(),
                appended.getLast().hash()));
      }));
    }
    return chained.map(done -> List.of(records));
  }
}
