package io.strata.cluster;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.StrataConfig;
import io.strata.schema.SchemaMigrations;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The registry of the cluster's nodes in PostgreSQL: every node records where it answers and what it
 * does, then says it is alive every {@link ClusterConfig#heartbeatInterval()}; each heartbeat also
 * refreshes this node's view of the others, which reads use to know whom to ask.
 *
 * <p>A node is never removed by the others: a node that is down still holds indexes, and a read
 * that cannot reach it must say so ({@code partial}) instead of leaving a silent gap.
 */
@ApplicationScoped
public class ClusterNodes {

  private static final Logger LOG = Logger.getLogger(ClusterNodes.class);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String BEAT = "INSERT INTO cluster_nodes"
      + " (node_id, api_url, roles, started_at, heartbeat_at, stopped_at)"
      + " VALUES ($1, $2, $3, now(), now(), NULL)"
      + " ON CONFLICT (node_id) DO UPDATE SET api_url = EXCLUDED.api_url,"
      + " roles = EXCLUDED.roles, heartbeat_at = now(), stopped_at = NULL";
  private static final String VIEW = "SELECT node_id, api_url, roles,"
      + " stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => $1) AS live,"
      + " floor(extract(epoch FROM now() - heartbeat_at))::bigint AS silent"
      + " FROM cluster_nodes ORDER BY node_id";

  private final Pool pool;
  private final ClusterConfig config;
  private final NodeRoles roles;
  private final ClusterNode self;
  private volatile String secret;
  private volatile List<ClusterNode> others = List.of();

  ClusterNodes(Pool pool, ClusterConfig config, StrataConfig strata, NodeRoles roles,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
    this.pool = pool;
    this.config = config;
    this.roles = roles;
    this.self = new ClusterNode(strata.nodeId(),
        strata.nodeUrl().map(url -> url.replaceAll("/+$", ""))
            .orElse("http://localhost:" + port),
        roles.all(), true, 0);
  }

  // After the schema migrations, before anything that reads across nodes can be asked, and after
  // an index node's restore from the bucket and its first sweep (PartitionOwners): its
  // registration says it answers.
  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 4) StartupEvent event) {
    secret = config.secret().filter(s -> !s.isBlank()).orElseGet(this::sharedSecret);
    beat();
  }

  /** Says this node is alive and reads the others' state. */
  @Scheduled(every = "${strata.cluster.heartbeat-interval:2s}", delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    try {
      beat();
    } catch (RuntimeException e) {
      // The view stays as it was; nodes that stop answering show up as missing in reads anyway.
      LOG.debugf("Cluster heartbeat failed: %s", e.getMessage());
    }
  }

  private void beat() {
    pool.preparedQuery(BEAT).execute(Tuple.of(self.id(), self.url(), Role.format(self.roles())))
        .await().atMost(WAIT);
    List<ClusterNode> seen = new ArrayList<>();
    for (Row row : pool.preparedQuery(VIEW)
        .execute(Tuple.of((double) Math.max(1, config.nodeTimeout().toSeconds())))
        .await().atMost(WAIT)) {
      String id = row.getString("node_id");
      if (!id.equals(self.id())) {
        seen.add(new ClusterNode(id, row.getString("api_url"), Role.parse(row.getString("roles")),
            row.getBoolean("live"), row.getLong("silent")));
      }
    }
    others = List.copyOf(seen);
  }

  /** Records that this node stopped on purpose, so that others stop asking it at once. */
  void onStop(@Observes ShutdownEvent event) {
    try {
      pool.preparedQuery("UPDATE cluster_nodes SET stopped_at = now() WHERE node_id = $1")
          .execute(Tuple.of(self.id())).await().atMost(Duration.ofSeconds(3));
    } catch (RuntimeException e) {
      LOG.debugf("Could not record the stop of this node: %s", e.getMessage());
    }
  }

  private String sharedSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pool.preparedQuery("INSERT INTO cluster_secret (id, secret) VALUES (1, $1)"
            + " ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(made)).await().atMost(WAIT);
    return pool.query("SELECT secret FROM cluster_secret WHERE id = 1").execute()
        .await().atMost(WAIT).iterator().next().getString("secret");
  }

  /** What {@link #forget} did. */
  public enum Forgotten { FORGOTTEN, LIVE, UNKNOWN }

  /**
   * Removes a node that is gone for good (scaled down, its disk lost) from the registry, so that
   * reads stop reporting it as missing; a node that is alive (or only just silent) is kept.
   * Blocking.
   */
  public Forgotten forget(String id) {
    if (id.equals(self.id())) {
      return Forgotten.LIVE;
    }
    var rows = pool.preparedQuery("DELETE FROM cluster_nodes WHERE node_id = $1 AND"
            + " (stopped_at IS NOT NULL OR heartbeat_at <= now() - make_interval(secs => $2))"
            + " RETURNING node_id")
        .execute(Tuple.of(id, (double) Math.max(1, config.nodeTimeout().toSeconds())))
        .await().atMost(WAIT);
    if (rows.size() == 1) {
      others = others.stream().filter(node -> !node.id().equals(id)).toList();
      return Forgotten.FORGOTTEN;
    }
    boolean known = pool.preparedQuery("SELECT 1 FROM cluster_nodes WHERE node_id = $1")
        .execute(Tuple.of(id)).await().atMost(WAIT).size() == 1;
    return known ? Forgotten.LIVE : Forgotten.UNKNOWN;
  }

  /** This node. */
  public ClusterNode self() {
    return self;
  }

  /** The secret nodes present to each other. */
  public String secret() {
    return secret;
  }

  /**
   * The nodes other than this one that hold indexes (role {@code index}), live or not, as of the
   * last heartbeat.
   */
  public List<ClusterNode> otherIndexNodes() {
    return others.stream().filter(node -> node.roles().contains(Role.INDEX)).toList();
  }

  /** Whether this node holds indexes itself. */
  public boolean indexesHere() {
    return roles.has(Role.INDEX);
  }

  /** Whether a read must ask other nodes: some other node holds indexes. */
  public boolean distributed() {
    return others.stream().anyMatch(node -> node.roles().contains(Role.INDEX));
  }

  /** Every node the registry knows, this one first. */
  public List<ClusterNode> all() {
    List<ClusterNode> all = new ArrayList<>(others.size() + 1);
    all.add(self);
    all.addAll(others);
    return all;
  }
}
