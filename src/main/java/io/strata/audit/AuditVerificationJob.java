package io.strata.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.strata.cluster.ClusterLease;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Verifies every chain of the trail in full, on one node of the cluster, every {@link
 * AuditConfig#verifyInterval()}. A chain that fails is logged at ERROR and counted in the gauge
 * {@code strata_audit_verification_failed_chains}, and announced as an {@link AuditVerified} event,
 * which alerting turns into a notification of the operator.
 */
@ApplicationScoped
public class AuditVerificationJob {

  /** The outcome of the last run on this node. */
  public record LastRun(Instant at, int chains, int failedChains) {}

  private static final Logger LOG = Logger.getLogger(AuditVerificationJob.class);

  private final Pool pool;
  private final AuditVerifier verifier;
  private final ClusterLease lease;
  private final AuditConfig config;
  private final InstantSource clock;
  private final AtomicInteger failedChains = new AtomicInteger();
  private final Event<AuditVerified> verified;
  private volatile LastRun lastRun;

  AuditVerificationJob(Pool pool, AuditVerifier verifier, ClusterLease lease, AuditConfig config,
      InstantSource clock, MeterRegistry metrics, Event<AuditVerified> verified) {
    this.verified = verified;
    this.pool = pool;
    this.verifier = verifier;
    this.lease = lease;
    this.config = config;
    this.clock = clock;
    metrics.gauge("strata.audit.verification.failed.chains", failedChains);
  }

  @Scheduled(every = "${strata.audit.verify-interval:24h}", delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not before start-up is over: the schema may still be migrating.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    if (lease.tryAcquire("audit-verification", config.verifyInterval())) {
      run();
    }
  }

  /** Verifies every chain; returns the run's outcome. */
  public LastRun run() {
    List<String> chains = new ArrayList<>();
    try {
      for (Row row : pool.query("SELECT chain FROM audit_heads ORDER BY chain").execute()
          .await().atMost(Duration.ofSeconds(30))) {
        chains.add(row.getString("chain"));
      }
    } catch (RuntimeException e) {
      LOG.errorf("Audit verification could not list the chains: %s", e.getMessage());
      return lastRun;
    }
    List<String> failedNames = new ArrayList<>();
    for (String chain : chains) {
      try {
        AuditVerification result = verifier.verify(chain, null, null);
        if (!result.ok()) {
          failedNames.add(chain);
          LOG.errorf("Audit chain %s failed verification: %s", chain, result.problems());
        }
      } catch (RuntimeException e) {
        failedNames.add(chain);
        LOG.errorf("Audit chain %s could not be verified: %s", chain, e.getMessage());
      }
    }
    failedChains.set(failedNames.size());
    lastRun = new LastRun(clock.instant(), chains.size(), failedNames.size());
    verified.fire(new AuditVerified(lastRun.at(), chains.size(), List.copyOf(failedNames)));
    return lastRun;
  }

  /** The last run on this node, or null before the first. */
  public LastRun lastRun() {
    return lastRun;
  }
}
