package io.strata.integrity;

import io.quarkus.scheduler.Scheduled;
import io.strata.StrataConfig;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditHashing;
import io.strata.audit.AuditOutcome;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditVerifier;
import io.strata.index.IndexId;
import io.strata.index.Indexer;
import io.strata.index.SealedFiles;
import io.strata.index.TenantIndexes;
import io.strata.security.Caller;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Seals the indexes of days that are over, every {@link SealConfig#interval()}: once an index has
 * been left alone for {@link SealConfig#after()}, it is merged into one segment, committed, and the
 * SHA-256 of each file of that commit goes into its tenant's audit chain as an {@code index.seal}
 * event. Verification ({@code GET /api/v1/audit/verify}) recomputes them: a flipped byte in a sealed
 * file is found. An index that takes a new commit later (late events, an erasure) is sealed again.
 */
@ApplicationScoped
public class IndexSealer {

  private static final Logger LOG = Logger.getLogger(IndexSealer.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String SEALED = "SELECT tenant, index_name, generation FROM index_seals"
      + " WHERE node_id = $1";
  private static final String RECORD = "INSERT INTO index_seals (tenant, index_name, node_id,"
      + " generation, sealed_at) VALUES ($1, $2, $3, $4, $5)"
      + " ON CONFLICT (tenant, index_name, node_id) DO UPDATE"
      + " SET generation = EXCLUDED.generation, sealed_at = EXCLUDED.sealed_at";

  private final TenantIndexes indexes;
  private final Indexer indexer;
  private final AuditTrail audit;
  private final Pool pool;
  private final InstantSource clock;
  private final SealConfig config;
  private final String node;
  private final Event<IndexSealed> sealedEvents;

  IndexSealer(TenantIndexes indexes, Indexer indexer, AuditTrail audit, Pool pool,
      InstantSource clock, SealConfig config, StrataConfig strata, Event<IndexSealed> sealed) {
    this.node = strata.nodeId();
    this.sealedEvents = sealed;
    this.indexes = indexes;
    this.indexer = indexer;
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  @Scheduled(every = "${strata.seal.interval:1h}", delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Sealing indexes failed; the next run tries again");
    }
  }

  /** Seals every index that is ready; returns how many it sealed. */
  public synchronized int run() {
    Map<String, Long> sealed = new HashMap<>();
    for (Row row : pool.preparedQuery(SEALED).execute(Tuple.of(node)).await()
        .atMost(QUERY_TIMEOUT)) {
      sealed.put(row.getString("tenant") + "/" + row.getString("index_name"),
          row.getLong("generation"));
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    int count = 0;
    for (String tenant : indexes.tenants()) {
      for (IndexId id : indexes.list(tenant)) {
        if (!id.day().isBefore(today)) {
          continue;
        }
        // One damaged or busy index must not keep the others from being sealed.
        try {
          long generation = indexes.commitGeneration(id);
          if (generation < 0
              || Long.valueOf(generation).equals(sealed.get(tenant + "/" + id.name()))) {
            continue;
          }
          Instant modified = indexes.lastModified(id);
          if (modified == null || modified.plus(config.after()).isAfter(now)) {
            continue;
          }
          if (seal(id)) {
            count++;
          }
        } catch (RuntimeException e) {
          LOG.warnf("Index %s not sealed this time: %s", id, e.getMessage());
        }
      }
    }
    return count;
  }

  private boolean seal(IndexId id) {
    if (!indexer.prepareSeal(id)) {
      return false;
    }
    SealedFiles files = indexes.hashLatestCommit(id);
    if (files == null) {
      return false;
    }
    String name = id.name();
    Caller system = new Caller(id.tenant(), Caller.ActorType.SYSTEM, "index-sealer",
        "index-sealer", Set.of(), false, null, null);
    audit.recordNow(new AuditEntry(id.tenant(), system, AuditVerifier.INDEX_SEAL, name,
        AuditEntry.params("day", id.day(), "class", id.retentionClass(), "generation",
            files.generation(), "events", files.events(), "node", node, "files",
            AuditHashing.paramsJson(files.sha256())), AuditOutcome.SUCCESS, 200));
    pool.preparedQuery(RECORD).execute(Tuple.of(id.tenant(), name, node, files.generation(),
        clock.instant().atOffset(ZoneOffset.UTC))).await().atMost(QUERY_TIMEOUT);
    LOG.debugf("Sealed %s at commit %d (%d files)", id, files.generation(), files.sha256().size());
    // Object storage (issue 16) uploads the sealed commit; it does so on its own thread.
    sealedEvents.fire(new IndexSealed(id, files.generation()));
    return true;
  }

  /** The index {@code name} ({@code day/class}) of {@code tenant}, or null when it names none. */
  public static IndexId idOf(String tenant, String name) {
    int slash = name == null ? -1 : name.indexOf('/');
    if (slash < 0) {
      return null;
    }
    try {
      return new IndexId(tenant, LocalDate.parse(name.substring(0, slash)),
          name.substring(slash + 1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
