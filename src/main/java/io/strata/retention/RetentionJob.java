package io.strata.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.StrataConfig;
import io.quarkus.scheduler.Scheduled;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditOutcome;
import io.strata.audit.AuditTrail;
import io.strata.index.IndexDeletion;
import io.strata.index.IndexId;
import io.strata.index.IndexStats;
import io.strata.index.Indexer;
import io.strata.index.TenantIndexes;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Deletes, every {@link RetentionConfig#interval()}, the indexes of this node whose retention and
 * delete delay are over and that no legal hold keeps. Each deletion is first recorded in the
 * tenant's audit trail (index, day, class, events, bytes): when it cannot be recorded, the index
 * stays until a run that can.
 *
 * <p>Each node deletes its own indexes: an index lives on the node that wrote it. Before it does,
 * it fires {@link IndexDeletion}, so that the index's copy in object storage goes too.
 */
@ApplicationScoped
public class RetentionJob {

  /** The outcome of one run. */
  public record Run(Instant at, int deleted, long events, long bytes, int held, int failed) {}

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final TenantIndexes indexes;
  private final Indexer indexer;
  private final ExpiryPlanner planner;
  private final RetentionPolicies policies;
  private final LegalHolds holds;
  private final AuditTrail audit;
  private final InstantSource clock;
  private final RetentionConfig config;
  private final MeterRegistry metrics;
  private final Event<IndexDeletion> deletions;
  /** Named on each deletion: in a cluster, a day's index may have parts on several nodes. */
  private final String node;
  private volatile Run lastRun;

  RetentionJob(TenantIndexes indexes, Indexer indexer, ExpiryPlanner planner,
      RetentionPolicies policies, LegalHolds holds, AuditTrail audit, InstantSource clock,
      RetentionConfig config, MeterRegistry metrics, StrataConfig strata,
      Event<IndexDeletion> deletions) {
    this.node = strata.nodeId();
    this.deletions = deletions;
    this.indexes = indexes;
    this.indexer = indexer;
    this.planner = planner;
    this.policies = policies;
    this.holds = holds;
    this.audit = audit;
    this.clock = clock;
    this.config = config;
    this.metrics = metrics;
  }

  @Scheduled(every = "${strata.retention.interval:1h}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.errorf(e, "The retention run failed; the next one tries again");
    }
  }

  /** Deletes what is due now; returns what it did. */
  public synchronized Run run() {
    // Never act on a policy older than the one just set through another node.
    policies.reload();
    Instant now = clock.instant();
    ExpiryPlanner.Holds keeping = holds.snapshot();
    int deleted = 0;
    int held = 0;
    int failed = 0;
    long events = 0;
    long bytes = 0;
    for (String tenant : indexes.tenants()) {
      List<IndexExpiry> expired;
      try {
        expired = planner.expired(tenant, now, keeping);
      } catch (RuntimeException e) {
        // One tenant's unreadable index must not stop the others' retention.
        LOG.errorf("Retention of %s skipped this run: %s", tenant, e.getMessage());
        failed++;
        continue;
      }
      for (IndexExpiry expiry : expired) {
        if (now.isBefore(expiry.deleteAfter())) {
          continue;
        }
        if (!expiry.heldBy().isEmpty()) {
          held++;
          continue;
        }
        IndexStats gone = delete(tenant, expiry);
        if (gone == null) {
          failed++;
        } else {
          deleted++;
          events += gone.events();
          bytes += gone.bytes();
        }
      }
    }
    lastRun = new Run(now, deleted, events, bytes, held, failed);
    if (deleted > 0 || failed > 0) {
      LOG.infof("Retention: deleted %d indexes (%d events, %d bytes); %d kept by legal holds,"
          + " %d not deleted", deleted, events, bytes, held, failed);
    }
    return lastRun;
  }

  /** The last run on this node, or null before the first. */
  public Run lastRun() {
    return lastRun;
  }

  /** When the next run is due, as far as this node knows. */
  public Instant nextRun() {
    Run last = lastRun;
    Instant now = clock.instant();
    if (last == null) {
      return now;
    }
    Instant next = last.at().plus(config.interval());
    return next.isBefore(now) ? now : next;
  }

  private IndexStats delete(String tenant, IndexExpiry expiry) {
    IndexId id = new IndexId(tenant, expiry.day(), expiry.retentionClass());
    Caller system = new Caller(tenant, Caller.ActorType.SYSTEM, "retention", "retention", Set.of(),
        false, null, null);
    Map<String, String> params = AuditEntry.params("day", expiry.day(), "class",
        expiry.retentionClass(), "days", expiry.days(), "expired_at", expiry.expiredAt(),
        "events", expiry.events(), "bytes", expiry.bytes(), "node", node);
    AuditEntry entry = new AuditEntry(tenant, system, "retention.delete", expiry.index(), params,
        AuditOutcome.SUCCESS, 200);
    try {
      audit.recordNow(entry);
    } catch (RuntimeException e) {
      LOG.warnf("Index %s is not deleted: its deletion cannot be recorded (%s)", id, e.getMessage());
      return null;
    }
    try {
      deletions.fire(new IndexDeletion(id));
      IndexStats gone = indexer.delete(id);
      metrics.counter("strata.retention.deleted.indexes", "tenant", tenant).increment();
      metrics.counter("strata.retention.deleted.events", "tenant", tenant).increment(gone.events());
      metrics.counter("strata.retention.deleted.bytes", "tenant", tenant).increment(gone.bytes());
      return gone;
    } catch (RuntimeException e) {
      LOG.errorf(e, "Index %s could not be deleted", id);
      audit.recordFailure(entry, e);
      return null;
    }
  }
}
