package io.strata.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.index.RetentionRouting;
import io.strata.ingest.RetentionHorizon;
import io.strata.infra.jobs.FirstLoad;
import io.strata.schema.SchemaMigrations;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Every tenant's retention policy, compiled, as this node's indexer and retention job use them:
 * read from PostgreSQL at start, again every {@link RetentionConfig#policyRefresh()} (changes made
 * through other nodes), and at once when a change is made through this one.
 *
 * <p>Until the policies have been read once, the indexer waits rather than guess: a guess could
 * drop as expired events that a tenant's policy keeps for years.
 */
@ApplicationScoped
public class RetentionPolicies implements RetentionRouting, RetentionHorizon {

  private static final Logger LOG = Logger.getLogger(RetentionPolicies.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final TypeReference<List<RetentionStream>> STREAMS = new TypeReference<>() {};
  private static final String READ_ALL = "SELECT t.id, t.max_retention_days, p.default_days,"
      + " p.profile, p.max_days, p.streams, p.updated_at, p.updated_by"
      + " FROM tenants t LEFT JOIN retention_policies p ON p.tenant = t.id";

  private final Pool pool;
  private final StreamSelectors selectors;
  private final RetentionConfig config;
  private final ObjectMapper json;
  /** Per tenant known to the database: its policy, stored or the default. */
  private final Map<String, CompiledPolicy> policies = new ConcurrentHashMap<>();
  /** Per tenant: the operator's maximum, if any. */
  private final Map<String, Integer> tenantMaximum = new ConcurrentHashMap<>();
  private final FirstLoad firstLoad = new FirstLoad("Retention policies", this::read, LOG);

  RetentionPolicies(Pool pool, StreamSelectors selectors, RetentionConfig config, ObjectMapper json) {
    this.pool = pool;
    this.selectors = selectors;
    this.config = config;
    this.json = json;
  }

  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
    firstLoad.tryNow();
  }

  @Scheduled(every = "${strata.retention.policy-refresh:30s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.warnf("Retention policies could not be read again: %s", e.getMessage());
    }
  }

  @Override
  public ClassRouting forTenant(String tenant) {
    return policyOf(tenant);
  }

  /** The policy in force for {@code tenant}: its own, or the platform default. */
  public RetentionPolicy effective(String tenant) {
    return policyOf(tenant).policy();
  }

  /**
   * The policy in force for {@code tenant}, or null while the policies have not been read yet:
   * for request paths, which must not wait for the database.
   */
  public RetentionPolicy effectiveIfKnown(String tenant) {
    return firstLoad.loaded() ? policyOf(tenant).policy() : null;
  }

  @Override
  public Integer longestDaysIfKnown(String tenant) {
    RetentionPolicy policy = effectiveIfKnown(tenant);
    return policy == null ? null : policy.longestDays();
  }

  /** The platform default policy for a tenant whose operator maximum is {@code tenantMaxDays}. */
  RetentionPolicy defaultPolicy(Integer tenantMaxDays) {
    int days = tenantMaxDays == null ? config.defaultDays()
        : Math.min(config.defaultDays(), tenantMaxDays);
    return new RetentionPolicy(days, List.of(), ComplianceProfile.NONE.label(), null, null, null);
  }

  /** Puts a policy just stored through this node into force here at once. */
  void updated(String tenant, RetentionPolicy policy) {
    policies.put(tenant, CompiledPolicy.of(policy, selectors));
  }

  /** Reads every tenant's policy again, compiling those that changed. */
  public void reload() {
    firstLoad.run();
  }

  private void read() {
    Map<String, CompiledPolicy> next = new HashMap<>();
    Map<String, Integer> maxima = new HashMap<>();
    for (Row row : pool.query(READ_ALL).execute().await().atMost(QUERY_TIMEOUT)) {
      String tenant = row.getString("id");
      Integer max = row.getInteger("max_retention_days");
      if (max != null) {
        maxima.put(tenant, max);
      }
      RetentionPolicy policy = row.getInteger("default_days") == null ? defaultPolicy(max)
          : stored(row);
      CompiledPolicy current = policies.get(tenant);
      if (current != null && samePolicy(current.policy(), policy)) {
        next.put(tenant, current);
        continue;
      }
      try {
        next.put(tenant, CompiledPolicy.of(policy, selectors));
      } catch (RuntimeException e) {
        // Accepted when stored, so only a change of the query language can get here: keep the
        // last compiled form rather than fall back to a shorter default.
        LOG.errorf("The retention policy of %s cannot be compiled (%s); the previous one stays",
            tenant, e.getMessage());
        if (current != null) {
          next.put(tenant, current);
        }
      }
    }
    policies.keySet().retainAll(next.keySet());
    policies.putAll(next);
    tenantMaximum.keySet().retainAll(maxima.keySet());
    tenantMaximum.putAll(maxima);
  }

  private RetentionPolicy stored(Row row) {
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    return new RetentionPolicy(row.getInteger("default_days"), streams(row.getString("streams")),
        row.getString("profile"), row.getInteger("max_days"),
        updated == null ? null : updated.toInstant(), row.getString("updated_by"));
  }

  List<RetentionStream> streams(String text) {
    try {
      return List.copyOf(json.readValue(text, STREAMS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable retention streams: " + e.getOriginalMessage(), e);
    }
  }

  private static boolean samePolicy(RetentionPolicy a, RetentionPolicy b) {
    return Objects.equals(a.defaultDays(), b.defaultDays()) && a.streams().equals(b.streams())
        && Objects.equals(a.updatedAt(), b.updatedAt());
  }

  private CompiledPolicy policyOf(String tenant) {
    firstLoad.await();
    CompiledPolicy policy = policies.get(tenant);
    if (policy != null) {
      return policy;
    }
    // A tenant created since the last read: it has no policy of its own yet.
    return policies.computeIfAbsent(tenant,
        t -> CompiledPolicy.of(defaultPolicy(tenantMaximum.get(t)), selectors));
  }
}
