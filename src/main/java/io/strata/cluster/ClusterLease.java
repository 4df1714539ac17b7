package io.strata.cluster;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A lease in PostgreSQL for jobs that must run on one node of the cluster at a time (audit
 * checkpoints, verification, later retention): a node runs the job only while it holds the job's
 * lease; a lease that is not renewed expires, so a dead node's job moves on to another.
 */
@ApplicationScoped
public class ClusterLease {

  private static final Logger LOG = Logger.getLogger(ClusterLease.class);
  private static final String ACQUIRE = "INSERT INTO job_leases (name, holder, until)"
      + " VALUES ($1, $2, now() + make_interval(secs => $3))"
      + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until"
      + " WHERE job_leases.until < now() OR job_leases.holder = EXCLUDED.holder"
      + " RETURNING holder";

  /** This node, for as long as the process lives. */
  private final String holder = UUID.randomUUID().toString();
  private final Pool pool;
  private final NodeRoles roles;

  ClusterLease(Pool pool, NodeRoles roles) {
    this.pool = pool;
    this.roles = roles;
  }

  /**
   * Takes (or renews) the lease of {@code job} for {@code ttl}; false when another node holds it or
   * the database cannot be reached, and always on a node without the {@code jobs} role. Blocking:
   * call it from a scheduled job's thread.
   */
  public boolean tryAcquire(String job, Duration ttl) {
    if (!roles.has(Role.JOBS)) {
      return false;
    }
    try {
      return pool.preparedQuery(ACQUIRE)
          .execute(Tuple.of(job, holder, (double) Math.max(1, ttl.toSeconds())))
          .map(rows -> rows.size() == 1)
          .await().atMost(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warnf("Could not take the lease of %s: %s", job, e.getMessage());
      return false;
    }
  }
}
