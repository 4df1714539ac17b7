package io.strata.parsing;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.index.ParsingRouting;
import io.strata.infra.jobs.FirstLoad;
import io.strata.schema.SchemaMigrations;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Every tenant's parsing rules, compiled, as this node's indexer runs them: read from PostgreSQL at
 * start, again every {@link ParsingConfig#refresh()} (changes made through other nodes), and at
 * once when a change is made through this one.
 *
 * <p>Until the rules have been read once, the indexer waits: an event indexed before then would
 * miss its rule for good.
 */
@ApplicationScoped
public class ParsingRules implements ParsingRouting {

  private static final Logger LOG = Logger.getLogger(ParsingRules.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String READ_ALL = "SELECT id, tenant, name, selector, pattern, time_format,"
      + " priority, enabled, created_at, updated_at FROM parsing_rules";

  private final Pool pool;
  private final RuleCompiler compiler;
  /** Per tenant with at least one enabled rule. */
  private final Map<String, CompiledRules> rules = new ConcurrentHashMap<>();
  private final FirstLoad firstLoad = new FirstLoad("Parsing rules", this::read, LOG);

  ParsingRules(Pool pool, RuleCompiler compiler) {
    this.pool = pool;
    this.compiler = compiler;
  }

  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
    firstLoad.tryNow();
  }

  @Scheduled(every = "${strata.parsing.refresh:30s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    try {
      firstLoad.run();
    } catch (RuntimeException e) {
      LOG.warnf("Parsing rules could not be read again: %s", e.getMessage());
    }
  }

  @Override
  public TenantParsing forTenant(String tenant) {
    firstLoad.await();
    return rules.get(tenant);
  }

  /**
   * Whether a rule of {@code tenant} may give its events another time than the one they were sent
   * with; true while the rules have not been read yet. Never waits.
   */
  public boolean mayChangeEventTime(String tenant) {
    if (!firstLoad.loaded()) {
      return true;
    }
    CompiledRules compiled = rules.get(tenant);
    return compiled != null && compiled.capturesTime();
  }

  /** Puts the rules just stored through this node into force here at once. */
  void updated(String tenant, List<ParsingRule> stored) {
    CompiledRules compiled = compiler.compile(stored);
    if (compiled == null) {
      rules.remove(tenant);
    } else {
      rules.put(tenant, compiled);
    }
  }

  private void read() {
    Map<String, List<ParsingRule>> byTenant = new HashMap<>();
    for (Row row : pool.query(READ_ALL).execute().await().atMost(QUERY_TIMEOUT)) {
      ParsingRule rule = rule(row);
      byTenant.computeIfAbsent(rule.tenant, t -> new ArrayList<>()).add(rule);
    }
    Map<String, CompiledRules> next = new HashMap<>();
    byTenant.forEach((tenant, stored) -> {
      CompiledRules current = rules.get(tenant);
      if (current != null && same(current.source(), stored)) {
        next.put(tenant, current);
        return;
      }
      try {
        Optional.ofNullable(compiler.compile(stored)).ifPresent(c -> next.put(tenant, c));
      } catch (RuntimeException e) {
        // Accepted when stored, so only a change of the pattern library or the query language
        // can get here: keep the rules that ran until now.
        LOG.errorf("The parsing rules of %s cannot be compiled (%s); the previous ones stay",
            tenant, e.getMessage());
        if (current != null) {
          next.put(tenant, current);
        }
      }
    });
    rules.keySet().retainAll(next.keySet());
    rules.putAll(next);
  }

  /** Whether {@code stored} (any order) has the same enabled rules, unchanged, as {@code running}. */
  private static boolean same(List<ParsingRule> running, List<ParsingRule> stored) {
    List<ParsingRule> enabled = new ArrayList<>();
    for (ParsingRule rule : stored) {
      if (rule.enabled) {
        enabled.add(rule);
      }
    }
    if (enabled.size() != running.size()) {
      return false;
    }
    enabled.sort(RuleCompiler.ORDER);
    for (int i = 0; i < enabled.size(); i++) {
      ParsingRule a = enabled.get(i);
      ParsingRule b = running.get(i);
      if (!a.id.equals(b.id) || !Objects.equals(a.updatedAt, b.updatedAt)) {
        return false;
      }
    }
    return true;
  }

  private static ParsingRule rule(Row row) {
    ParsingRule rule = new ParsingRule();
    rule.id = row.getString("id");
    rule.tenant = row.getString("tenant");
    rule.name = row.getString("name");
    rule.selector = row.getString("selector");
    rule.pattern = row.getString("pattern");
    rule.timeFormat = row.getString("time_format");
    rule.priority = row.getInteger("priority");
    rule.enabled = row.getBoolean("enabled");
    OffsetDateTime created = row.getOffsetDateTime("created_at");
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    rule.createdAt = created == null ? null : created.toInstant();
    rule.updatedAt = updated == null ? null : updated.toInstant();
    return rule;
  }
}
