package io.strata.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.strata.cluster.ClusterLease;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Signs, on one node of the cluster, the head of every chain that moved since its last checkpoint
 * ({@link AuditConfig#checkpointInterval()}), and reads the checkpoints back for verification.
 */
@ApplicationScoped
public class AuditCheckpoints {

  /** One signed checkpoint. */
  public record Checkpoint(String chain, long seq, String hash, Instant time, String keyId,
      String signature) {}

  private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MOVED = "SELECT h.chain, h.seq, h.hash FROM audit_heads h"
      + " WHERE h.seq > 0 AND h.seq > COALESCE((SELECT max(c.seq) FROM audit_checkpoints c"
      + " WHERE c.chain = h.chain), 0)";
  private static final String INSERT = "INSERT INTO audit_checkpoints"
      + " (chain, seq, hash, time, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)"
      + " ON CONFLICT DO NOTHING";

  private final Pool pool;
  private final CheckpointSigner signer;
  private final ClusterLease lease;
  private final AuditConfig config;
  private final InstantSource clock;

  AuditCheckpoints(Pool pool, CheckpointSigner signer, ClusterLease lease, AuditConfig config,
      InstantSource clock) {
    this.pool = pool;
    this.signer = signer;
    this.lease = lease;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(every = "${strata.audit.checkpoint-interval:1h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not before start-up is over: the schema may still be migrating.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    if (lease.tryAcquire("audit-checkpoints", config.checkpointInterval())) {
      try {
        checkpoint();
      } catch (RuntimeException e) {
        LOG.errorf("Audit checkpoints failed: %s", e.getMessage());
      }
    }
  }

  /** Signs the head of every chain that moved; returns how many checkpoints it made. */
  public int checkpoint() {
    Instant now = AuditHashing.truncate(clock.instant());
    List<Row> moved = new ArrayList<>();
    pool.query(MOVED).execute().await().atMost(WAIT).forEach(moved::add);
    for (Row head : moved) {
      String chain = head.getString("chain");
      long seq = head.getLong("seq");
      String hash = head.getString("hash");
      pool.preparedQuery(INSERT).execute(Tuple.of(chain, seq, hash, now.atOffset(ZoneOffset.UTC),
              signer.keyId(), signer.sign(chain, seq, hash, now)))
          .await().atMost(WAIT);
    }
    return moved.size();
  }

  /** The checkpoints of {@code chain} from sequence {@code fromSeq} on, oldest first. */
  public Uni<List<Checkpoint>> of(String chain, long fromSeq) {
    return pool.preparedQuery("SELECT chain, seq, hash, time, key_id, signature"
            + " FROM audit_checkpoints WHERE chain = $1 AND seq >= $2 ORDER BY seq")
        .execute(Tuple.of(chain, fromSeq)).map(AuditCheckpoints::checkpoints);
  }

  /** The newest checkpoint of {@code chain}, or null before its first. */
  public Uni<Checkpoint> latest(String chain) {
    return pool.preparedQuery("SELECT chain, seq, hash, time, key_id, signature"
            + " FROM audit_checkpoints WHERE chain = $1 ORDER BY seq DESC LIMIT 1")
        .execute(Tuple.of(chain))
        .map(rows -> checkpoints(rows).stream().findFirst().orElse(null));
  }

  private static List<Checkpoint> checkpoints(Iterable<Row> rows) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (Row row : rows) {
      checkpoints.add(new Checkpoint(row.getString("chain"), row.getLong("seq"),
          row.getString("hash"), row.getOffsetDateTime("time").toInstant(),
          row.getString("key_id"), row.getString("signature")));
    }
    return checkpoints;
  }
}
