package io.strata.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes audit events in groups: the events that arrive while one group is written go together in
 * the next, each chain's events in one statement. Under load this turns one write per audited read
 * into one per group, which is what keeps auditing every search cheap; each caller still hears only
 * once its own event is stored (fail closed).
 *
 * <p>The writer keeps the head of each chain it appended to and appends optimistically: one
 * statement inserts the group's events and moves the head, only if the head is still where the
 * writer left it. When another node (or a change recorded in its own transaction) appended in
 * between, nothing is written, the head is read again and the group is re-linked and retried.
 */
@ApplicationScoped
class AuditWriter {

  /** Most events one group takes; the rest wait for the next. */
  private static final int MAX_GROUP = 512;
  private static final int MAX_ATTEMPTS = 20;

  /**
   * Inserts the events (arrays, one element per event) and moves the head, in one statement: the
   * CTE updates the head only from the expected sequence, and the insert happens only if it did.
   */
  private static final String APPEND = "WITH moved AS (UPDATE audit_heads SET seq = $17, hash = $18"
      + " WHERE chain = $19 AND seq = $20 RETURNING 1)"
      + " INSERT INTO audit_events (chain, seq, time, tenant, actor_type, actor_id, actor_name,"
      + " source, user_agent, action, target, params, outcome, status, prev_hash, hash)"
      + " SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::timestamptz[], $4::varchar[],"
      + " $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[],"
      + " $10::varchar[], $11::varchar[], $12::text[], $13::varchar[], $14::int[], $15::char(64)[],"
      + " $16::char(64)[]) WHERE EXISTS (SELECT 1 FROM moved)";
  private static final String READ_HEAD = "INSERT INTO audit_heads (chain, seq, hash)"
      + " VALUES ($1, 0, '" + AuditHashing.GENESIS + "') ON CONFLICT (chain)"
      + " DO UPDATE SET chain = EXCLUDED.chain RETURNING seq, hash";

  private record Pending(AuditEntry entry, UniEmitter<? super AuditRecord> done) {}

  private final Pool pool;
  private final InstantSource clock;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  /** The head of each chain as this writer last left it; touched by the one group being written. */
  private final Map<String, ChainStore.Head> heads = new ConcurrentHashMap<>();

  AuditWriter(Pool pool, InstantSource clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Writes {@code entry} with the next group; the Uni ends when it is stored. */
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
    for (Pending next = queue.poll(); next != null;
        next = group.size() < MAX_GROUP ? queue.poll() : null) {
      group.add(next);
    }
    Instant now = clock.instant();
    Map<String, List<Integer>> byChain = new TreeMap<>();
    for (int i = 0; i < group.size(); i++) {
      byChain.computeIfAbsent(group.get(i).entry().chain(), chain -> new ArrayList<>()).add(i);
    }
    AuditRecord[] records = new AuditRecord[group.size()];
    Uni<Void> all = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<Integer>> chain : byChain.entrySet()) {
      all = all.chain(() -> appendChain(chain.getKey(), chain.getValue(), group, records, now, 0));
    }
    all.subscribe().with(done -> {
      for (int i = 0; i < group.size(); i++) {
        group.get(i).done().complete(records[i]);
      }
      next();
    }, failure -> {
      // Whatever was not stored must be read again before the next append.
      heads.clear();
      for (int i = 0; i < group.size(); i++) {
        group.get(i).done().fail(failure);
      }
      next();
    });
  }

  private void next() {
    writing.set(false);
    drain();
  }

  /** Appends the events {@code indexes} of {@code group} to {@code chain}, retrying on a race. */
  private Uni<Void> appendChain(String chain, List<Integer> indexes, List<Pending> group,
      AuditRecord[] records, Instant now, int attempt) {
    ChainStore.Head cached = heads.get(chain);
    Uni<ChainStore.Head> head = cached != null ? Uni.createFrom().item(cached)
        : pool.preparedQuery(READ_HEAD).execute(Tuple.of(chain)).map(rows -> {
          Row row = rows.iterator().next();
          return new ChainStore.Head(row.getLong("seq"), row.getString("hash"));
        });
    return head.chain(from -> {
      List<AuditRecord> appended = new ArrayList<>(indexes.size());
      long seq = from.seq();
      String prev = from.hash();
      for (int index : indexes) {
        AuditRecord record = AuditTrail.link(group.get(index).entry(), ++seq, prev, now);
        records[index] = record;
        appended.add(record);
        prev = record.hash();
      }
      AuditRecord last = appended.getLast();
      return pool.preparedQuery(APPEND).execute(arguments(appended, chain, from.seq()))
          .chain(rows -> {
            if (rows.rowCount() == appended.size()) {
              heads.put(chain, new ChainStore.Head(last.seq(), last.hash()));
              return Uni.createFrom().voidItem();
            }
            // Someone else appended since: read the head again and link anew.
            heads.remove(chain);
            if (attempt + 1 >= MAX_ATTEMPTS) {
              return Uni.createFrom().failure(new IllegalStateException(
                  "the audit chain " + chain + " kept moving under this writer"));
            }
            return appendChain(chain, indexes, group, records, now, attempt + 1);
          });
    });
  }

  private static Tuple arguments(List<AuditRecord> records, String chain, long expectedSeq) {
    int n = records.size();
    String[] chains = new String[n];
    Long[] seqs = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] tenants = new String[n];
    String[] actorTypes = new String[n];
    String[] actorIds = new String[n];
    String[] actorNames = new String[n];
    String[] sources = new String[n];
    String[] agents = new String[n];
    String[] actions = new String[n];
    String[] targets = new String[n];
    String[] params = new String[n];
    String[] outcomes = new String[n];
    Integer[] statuses = new Integer[n];
    String[] prevs = new String[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      AuditRecord r = records.get(i);
      chains[i] = r.chain();
      seqs[i] = r.seq();
      times[i] = r.time().atOffset(ZoneOffset.UTC);
      tenants[i] = r.tenant();
      actorTypes[i] = r.actorType();
      actorIds[i] = r.actorId();
      actorNames[i] = r.actorName();
      sources[i] = r.source();
      agents[i] = r.userAgent();
      actions[i] = r.action();
      targets[i] = r.target();
      params[i] = AuditHashing.paramsJson(r.params());
      outcomes[i] = r.outcome();
      statuses[i] = r.status();
      prevs[i] = r.prevHash();
      hashes[i] = r.hash();
    }
    AuditRecord last = records.getLast();
    return Tuple.from(new Object[] {chains, seqs, times, tenants, actorTypes, actorIds, actorNames,
        sources, agents, actions, targets, params, outcomes, statuses, prevs, hashes, last.seq(),
        last.hash(), chain, expectedSeq});
  }
}
