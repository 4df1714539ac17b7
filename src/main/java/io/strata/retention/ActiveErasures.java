package io.strata.retention;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.index.DocumentMatcher;
import io.strata.index.ErasureGuard;
import io.strata.index.MatcherScratch;
import io.strata.infra.jobs.FirstLoad;
import io.strata.ingest.KafkaTopicConfig;
import io.strata.schema.SchemaMigrations;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.jboss.logging.Logger;

/**
 * The erasures the indexer must honour: those running, and those completed for less time than an
 * event stays in Kafka (after that, no copy of an erased event can come back). Read at start, every
 * {@link RetentionConfig#policyRefresh()}, and at once when this node starts an erasure; until the
 * first read succeeds, the indexer waits.
 */
@ApplicationScoped
public class ActiveErasures implements ErasureGuard {

  private static final Logger LOG = Logger.getLogger(ActiveErasures.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String ACTIVE = "SELECT id, tenant, query, from_time, to_time, completed_at"
      + " FROM erasures WHERE state = 'running' OR (state = 'completed' AND completed_at > $1)";

  /** One tenant's erasures: event ranges, ingest cut-offs, and their queries compiled together. */
  private record Compiled(DocumentMatcher matcher, long[] from, long[] to, long[] ingestedBefore)
      implements TenantErasures {

    @Override
    public boolean erased(Document document, long timestampMillis, long ingestedAtMillis,
        MatcherScratch scratch) {
      for (int i = 0; i < from.length; i++) {
        if (timestampMillis >= from[i] && timestampMillis <= to[i]
            && ingestedAtMillis < ingestedBefore[i]
            && matcher.matches(i, document, scratch.of(matcher))) {
          return true;
        }
      }
      return false;
    }
  }

  private final Pool pool;
  private final StreamSelectors selectors;
  private final KafkaTopicConfig kafka;
  private final InstantSource clock;
  private volatile Map<String, Compiled> byTenant = Map.of();
  private final FirstLoad firstLoad = new FirstLoad("Erasures", this::read, LOG);

  ActiveErasures(Pool pool, StreamSelectors selectors, KafkaTopicConfig kafka, InstantSource clock) {
    this.pool = pool;
    this.selectors = selectors;
    this.kafka = kafka;
    this.clock = clock;
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
      LOG.warnf("Erasures could not be read again: %s", e.getMessage());
    }
  }

  @Override
  public TenantErasures forTenant(String tenant) {
    firstLoad.await();
    return byTenant.get(tenant);
  }

  /** Reads the erasures to honour again. */
  public void reload() {
    firstLoad.run();
  }

  private void read() {
    OffsetDateTime since = clock.instant().minus(kafka.longestKept()).atOffset(ZoneOffset.UTC);
    Map<String, List<Row>> rows = new HashMap<>();
    for (Row row : pool.preparedQuery(ACTIVE).execute(Tuple.of(since)).await()
        .atMost(QUERY_TIMEOUT)) {
      rows.computeIfAbsent(row.getString("tenant"), t -> new ArrayList<>()).add(row);
    }
    Map<String, Compiled> next = new HashMap<>();
    rows.forEach((tenant, erasures) -> {
      int n = erasures.size();
      long[] from = new long[n];
      long[] to = new long[n];
      long[] before = new long[n];
      List<String> queries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Row row = erasures.get(i);
        from[i] = row.getOffsetDateTime("from_time").toInstant().toEpochMilli();
        to[i] = row.getOffsetDateTime("to_time").toInstant().toEpochMilli();
        OffsetDateTime completed = row.getOffsetDateTime("completed_at");
        before[i] = completed == null ? Long.MAX_VALUE : completed.toInstant().toEpochMilli();
        queries.add(row.getString("query"));
      }
      next.put(tenant, new Compiled(selectors.compileQueries(queries), from, to, before));
    });
    byTenant = Map.copyOf(next);
  }
}
