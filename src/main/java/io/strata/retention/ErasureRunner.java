package io.strata.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.scheduler.Scheduled;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditOutcome;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditTrail;
import io.strata.cluster.ClusterLease;
import io.strata.ingest.KafkaTopicConfig;
import io.strata.security.Caller;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Carries out erasures once their cancel window has passed, on the node that holds the erasure
 * lease: refuses those a legal hold covers, has every node that holds indexes delete the matching
 * events from its indexes of the range and rewrite the segments that held them, verifies that the
 * query finds nothing any more on any node, and issues the receipt, whose SHA-256 goes into the
 * tenant's audit chain. An erasure interrupted by a crash, or waiting for a node that is down, is
 * resumed: it stays {@code running}, the indexers keep dropping its events meanwhile, and the
 * indexes already done are remembered per node ({@link ErasureShard}).
 */
@ApplicationScoped
public class ErasureRunner {

  private static final Logger LOG = Logger.getLogger(ErasureRunner.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String DUE = "SELECT * FROM erasures WHERE state = 'running'"
      + " OR (state = 'pending' AND not_before <= $1) ORDER BY requested_at";
  private static final String ERASED = "SELECT * FROM erasure_indexes WHERE erasure_id = $1"
      + " ORDER BY index_name, node_id";

  private final Pool pool;
  private final ErasureParts parts;
  private final ActiveErasures active;
  private final ClusterLease lease;
  private final ErasureConfig config;
  private final AuditTrail audit;
  private final InstantSource clock;
  private final KafkaTopicConfig kafka;
  private final ObjectMapper canonical;

  ErasureRunner(Pool pool, ErasureParts parts, ActiveErasures active, ClusterLease lease,
      ErasureConfig config, AuditTrail audit, InstantSource clock, KafkaTopicConfig kafka,
      ObjectMapper json) {
    this.pool = pool;
    this.parts = parts;
    this.active = active;
    this.lease = lease;
    this.config = config;
    this.audit = audit;
    this.clock = clock;
    this.kafka = kafka;
    this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Scheduled(every = "${strata.erasure.check-interval:10s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    try {
      runDue();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Erasures could not be run; the next check tries again");
    }
  }

  /** Runs every erasure that is due, on the one node that holds the erasure lease. */
  public synchronized void runDue() {
    if (!lease.tryAcquire("erasures", config.checkInterval().multipliedBy(3).plusSeconds(10))) {
      return;
    }
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    List<Row> due = new ArrayList<>();
    pool.preparedQuery(DUE).execute(Tuple.of(now)).await().atMost(QUERY_TIMEOUT)
        .forEach(due::add);
    for (Row row : due) {
      run(row);
    }
  }

  private void run(Row row) {
    String id = row.getString("id");
    String tenant = row.getString("tenant");
    Caller system = new Caller(tenant, Caller.ActorType.SYSTEM, "erasure", "erasure", Set.of(),
        false, null, null);
    Instant from = row.getOffsetDateTime("from_time").toInstant();
    Instant to = row.getOffsetDateTime("to_time").toInstant();
    String query = row.getString("query");
    boolean pending = ErasureState.PENDING.label().equals(row.getString("state"));
    try {
      if (pending) {
        List<String> blocking = parts.blockingHolds(tenant, id, query, from, to);
        if (!blocking.isEmpty()) {
          String detail = "blocked by legal hold " + String.join(", ", blocking);
          audit.recordNow(entry(tenant, system, "erasure.block", id,
              AuditEntry.params("holds", String.join(",", blocking)), AuditOutcome.SUCCESS));
          update("UPDATE erasures SET state = $2, detail = $3 WHERE id = $1 AND state = 'pending'",
              id, ErasureState.BLOCKED_BY_HOLD.label(), detail);
          LOG.infof("Erasure %s of %s is %s", id, tenant, detail);
          return;
        }
        // Recorded before anything is deleted: nothing happens unrecorded.
        audit.recordNow(entry(tenant, system, "erasure.start", id, Map.of(),
            AuditOutcome.SUCCESS));
        int moved = update("UPDATE erasures SET state = 'running', started_at = $2"
            + " WHERE id = $1 AND state = 'pending'", id, clock.instant().atOffset(ZoneOffset.UTC));
        if (moved == 0) {
          return; // cancelled meanwhile
        }
      }
      // From here every indexer drops the erasure's events, whatever arrives late or again.
      active.reload();
      complete(row, id, tenant, system, query, from, to);
    } catch (ErasureParts.NodesMissing e) {
      // A node that holds indexes is down or slow: its part cannot be done or checked now, and an
      // erasure is never called complete without it. The next check tries again.
      String detail = "waiting for nodes: " + e.getMessage();
      update("UPDATE erasures SET detail = $2 WHERE id = $1 AND state IN ('pending', 'running')",
          id, detail);
      LOG.warnf("Erasure %s of %s is %s", id, tenant, detail);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Erasure %s of %s failed", id, tenant);
      update("UPDATE erasures SET state = $2, detail = $3 WHERE id = $1", id,
          ErasureState.FAILED.label(), String.valueOf(e.getMessage()));
      audit.recordFailure(entry(tenant, system, "erasure.complete", id, Map.of(),
          AuditOutcome.SUCCESS), e);
    }
  }

  private void complete(Row row, String id, String tenant, Caller system, String query,
      Instant from, Instant to) {
    ErasureShard.Remains left = parts.erase(tenant, id, query, from, to);
    if (left.remaining() > 0 || left.segmentsWithDeletions() > 0) {
      throw new IllegalStateException(left.remaining() + " events still match and "
          + left.segmentsWithDeletions() + " segments still hold deleted events after the erasure");
    }
    List<Map<String, Object>> indexes = erased(id);
    Instant completed = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Map<String, Object> receipt = receipt(row, indexes, completed);
    String text = write(receipt);
    String sha256 = sha256(text);
    AuditRecord recorded = audit.recordNow(entry(tenant, system, "erasure.complete", id,
        AuditEntry.params("receipt_sha256", sha256, "matched", sum(indexes, "matched"), "deleted",
            sum(indexes, "deleted"), "remaining", 0), AuditOutcome.SUCCESS));
    Map<String, Object> stored = new LinkedHashMap<>(receipt);
    stored.put("audit", Map.of("chain", recorded.chain(), "seq", recorded.seq(),
        "hash", recorded.hash()));
    update("UPDATE erasures SET state = 'completed', completed_at = $2, receipt = $3,"
            + " receipt_hash = $4, detail = NULL WHERE id = $1", id,
        completed.atOffset(ZoneOffset.UTC), write(stored), sha256);
    LOG.infof("Erasure %s of %s completed: %d events erased", id, tenant,
        sum(indexes, "deleted"));
  }

  /** What every node recorded erasing, index by index. */
  private List<Map<String, Object>> erased(String id) {
    List<Map<String, Object>> indexes = new ArrayList<>();
    for (Row row : pool.preparedQuery(ERASED).execute(Tuple.of(id)).await()
        .atMost(QUERY_TIMEOUT)) {
      Map<String, Object> entry = new TreeMap<>();
      entry.put("index", row.getString("index_name"));
      entry.put("node", row.getString("node_id"));
      entry.put("matched", row.getLong("matched"));
      entry.put("deleted", row.getLong("deleted"));
      entry.put("segments_rewritten", row.getLong("segments_rewritten"));
      entry.put("segments_with_deletions", row.getLong("segments_with_deletions"));
      indexes.add(entry);
    }
    return indexes;
  }

  /**
   * The receipt: the request, who asked (and, being a tenant admin, approved), the counts per index
   * and in all, when it ran, and until when copies may remain in Kafka.
   */
  private Map<String, Object> receipt(Row row, List<Map<String, Object>> indexes,
      Instant completed) {
    Map<String, Object> receipt = new TreeMap<>();
    receipt.put("id", row.getString("id"));
    receipt.put("tenant", row.getString("tenant"));
    receipt.put("request", new TreeMap<>(Map.of(
        "query", row.getString("query"),
        "from", row.getOffsetDateTime("from_time").toInstant().toString(),
        "to", row.getOffsetDateTime("to_time").toInstant().toString(),
        "reason", row.getString("reason"))));
    receipt.put("requested_by", row.getString("requested_by"));
    receipt.put("requested_at", row.getOffsetDateTime("requested_at").toInstant().toString());
    receipt.put("approved_by", row.getString("requested_by"));
    receipt.put("cancel_window_ended", row.getOffsetDateTime("not_before").toInstant().toString());
    OffsetDateTime started = row.getOffsetDateTime("started_at");
    receipt.put("started_at", (started == null ? completed : started.toInstant()).toString());
    receipt.put("completed_at", completed.toString());
    receipt.put("counts", new TreeMap<>(Map.of("matched", sum(indexes, "matched"),
        "deleted", sum(indexes, "deleted"), "remaining", 0L)));
    receipt.put("indexes", indexes);
    receipt.put("segments_rewritten", sum(indexes, "segments_rewritten"));
    receipt.put("kafka_copies_until", completed.plus(kafka.longestKept()).toString());
    receipt.put("verification", "After deletion the query was run again over every index of the"
        + " range and matched 0 events; no segment holds deleted events.");
    return receipt;
  }

  private static long sum(List<Map<String, Object>> indexes, String count) {
    return indexes.stream().mapToLong(c -> ((Number) c.getOrDefault(count, 0L)).longValue()).sum();
  }

  private static AuditEntry entry(String tenant, Caller system, String action, String target,
      Map<String, String> params, AuditOutcome outcome) {
    return new AuditEntry(tenant, system, action, target, params, outcome, 200);
  }

  private int update(String sql, Object... args) {
    return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(QUERY_TIMEOUT)
        .rowCount();
  }

  /** The canonical form: keys sorted, no whitespace; what {@code receipt_sha256} hashes. */
  String write(Object value) {
    try {
      return canonical.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
