package io.strata.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.cluster.ClusterLease;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Makes a native ingest request with an {@code Idempotency-Key} take effect once per tenant and key
 * within {@link IngestConfig#idempotencyWindow()}, across all nodes: the first request claims the
 * key with a row in PostgreSQL and stores its answer once Kafka has acknowledged the events; a retry
 * of the same request gets that answer again (and nothing is sent to Kafka), a different request
 * with the key gets 422, and a retry while the first is still in flight gets 409.
 *
 * <p>A request that fails before Kafka acknowledged it frees its key, so that its retry is processed
 * afresh. A claim whose node died is taken over after {@link #LEASE}.
 */
@ApplicationScoped
public class IdempotencyKeys {

  /**
   * How long a claim of a request in flight holds before another request with the same key and body
   * may take it over: well beyond the {@link IngestService#ACK_TIMEOUT} a live request waits for
   * Kafka, so only a dead node's claim ever gets that old.
   */
  static final Duration LEASE = Duration.ofMinutes(2);

  private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long IN_FLIGHT_RETRY_AFTER_SECONDS = 2;
  private static final int EXPIRY_BATCH = 10_000;

  // A conflicting row is taken over only when it no longer counts: an answer older than the window,
  // or the same request's claim older than the lease. RETURNING gives a row only to the winner.
  private static final String CLAIM = "INSERT INTO ingest_idempotency_keys AS k"
      + " (tenant, idempotency_key, request_hash, claim, started_at) VALUES ($1, $2, $3, $4, now())"
      + " ON CONFLICT (tenant, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
      + " claim = EXCLUDED.claim, started_at = EXCLUDED.started_at, completed_at = NULL,"
      + " status = NULL, answer = NULL"
      + " WHERE (k.completed_at IS NOT NULL AND k.completed_at < now() - make_interval(secs => $6))"
      + " OR (k.completed_at IS NULL AND k.request_hash = EXCLUDED.request_hash"
      + " AND k.started_at < now() - make_interval(secs => $5))"
      + " RETURNING k.claim";
  private static final String LOOKUP = "SELECT request_hash, completed_at IS NOT NULL AS answered,"
      + " status, answer FROM ingest_idempotency_keys WHERE tenant = $1 AND idempotency_key = $2";
  private static final String COMPLETE = "UPDATE ingest_idempotency_keys"
      + " SET completed_at = now(), status = $4, answer = $5"
      + " WHERE tenant = $1 AND idempotency_key = $2 AND claim = $3";
  private static final String RELEASE = "DELETE FROM ingest_idempotency_keys"
      + " WHERE tenant = $1 AND idempotency_key = $2 AND claim = $3";
  // By start time, which has an index: an answer is stored within the lease after its start.
  private static final String EXPIRE = "DELETE FROM ingest_idempotency_keys WHERE ctid IN"
      + " (SELECT ctid FROM ingest_idempotency_keys"
      + " WHERE started_at < now() - make_interval(secs => $1) LIMIT " + EXPIRY_BATCH + ")";

  private final Pool pool;
  private final IngestConfig config;
  private final ObjectMapper json;
  private final ClusterLease jobLease;

  IdempotencyKeys(Pool pool, IngestConfig config, ObjectMapper json, ClusterLease jobLease) {
    this.pool = pool;
    this.config = config;
    this.json = json;
    this.jobLease = jobLease;
  }

  /**
   * Runs {@code ingest} unless {@code key} was already used by this tenant: answers the stored
   * answer (with {@link IdempotentAnswer#REPLAYED_HEADER}) for the same request, throws the 422
   * problem for another request and the 409 problem (with Retry-After) while the first is in
   * flight. Blocks while it claims the key: call it from a worker thread.
   */
  public Uni<Response> once(String tenant, IdempotencyKey key, String requestHash,
      Supplier<Uni<IngestResult>> ingest) {
    Claim claimed = claim(tenant, key, requestHash);
    if (claimed.stored() != null) {
      return Uni.createFrom().item(claimed.stored().toResponse(true));
    }
    UUID claim = claimed.id();
    CompletableFuture<Response> outcome = Uni.createFrom().<IngestResult>deferred(ingest::get)
        .onFailure().call(e -> release(tenant, key, claim))
        .flatMap(result -> {
          IdempotentAnswer answer = new IdempotentAnswer(200, write(result));
          return complete(tenant, key, claim, answer).replaceWith(answer.toResponse(false));
        })
        .subscribeAsCompletionStage();
    // A client that hangs up is the very case a retry is for: its cancellation must not stop the
    // answer from being stored (or the claim freed), so the HTTP request gets a copy to cancel.
    return Uni.createFrom().completionStage(outcome.copy());
  }

  /** This request's claim of a key it won, or the stored answer of the request that won it. */
  private record Claim(UUID id, IdempotentAnswer stored) {}

  private Claim claim(String tenant, IdempotencyKey key, String requestHash) {
    // A second attempt only when the key was freed between the insert and the lookup.
    for (int attempt = 0; attempt < 2; attempt++) {
      UUID claim = UUID.randomUUID();
      boolean won = await(pool.preparedQuery(CLAIM).execute(Tuple.of(tenant, key.value(),
              requestHash, claim, (double) LEASE.toSeconds(),
              (double) config.idempotencyWindow().toSeconds()))
          .map(rows -> rows.size() == 1));
      if (won) {
        return new Claim(claim, null);
      }
      Row row = await(pool.preparedQuery(LOOKUP).execute(Tuple.of(tenant, key.value()))
          .map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? it.next() : null;
          }));
      if (row == null) {
        continue;
      }
      if (!requestHash.equals(row.getString("request_hash"))) {
        throw new ProblemException(422, "idempotency-key-reused", "Unprocessable content",
            "This " + IdempotencyKey.HEADER + " was already used for a different request (another "
                + "body); nothing of this request was stored. Use a new key for a new request.");
      }
      if (row.getBoolean("answered")) {
        return new Claim(null,
            new IdempotentAnswer(row.getInteger("status"), row.getString("answer")));
      }
      break;
    }
    throw new ProblemException(409, "idempotency-key-in-flight", "Conflict", "A request with this "
        + IdempotencyKey.HEADER + " is still being processed; nothing of this request was stored. "
        + "Retry after " + IN_FLIGHT_RETRY_AFTER_SECONDS + " s to get its answer.")
        .retryAfter(IN_FLIGHT_RETRY_AFTER_SECONDS);
  }

  private Uni<Void> complete(String tenant, IdempotencyKey key, UUID claim,
      IdempotentAnswer answer) {
    return pool.preparedQuery(COMPLETE)
        .execute(Tuple.of(tenant, key.value(), claim, answer.status(), answer.body()))
        .replaceWithVoid()
        // The events are in Kafka: the client must hear so. Its retry meets the claim, gets 409
        // until the lease ends, and is then processed again: a duplicate, but no loss.
        .onFailure().recoverWithUni(e -> {
          LOG.warnf("Could not store the answer for an idempotency key of tenant %s: %s", tenant,
              e.getMessage());
          return Uni.createFrom().voidItem();
        });
  }

  private Uni<Void> release(String tenant, IdempotencyKey key, UUID claim) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(tenant, key.value(), claim))
        .replaceWithVoid()
        // The request's own failure is what the client must see; the claim then ends with its lease.
        .onFailure().recoverWithUni(e -> {
          LOG.warnf("Could not free an idempotency key of tenant %s: %s", tenant, e.getMessage());
          return Uni.createFrom().voidItem();
        });
  }

  private String write(IngestResult result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ingest result is always JSON", e);
    }
  }

  private static <T> T await(Uni<T> query) {
    try {
      return query.await().atMost(WAIT);
    } catch (RuntimeException e) {
      LOG.warnf("Could not check an idempotency key: %s", e.getMessage());
      throw new ProblemException(503, "idempotency-unavailable", "Service unavailable",
          "The idempotency keys cannot be checked right now; nothing of this request was stored. "
              + "Retry later, or without the " + IdempotencyKey.HEADER + " header.")
          .retryAfter(5);
    }
  }

  @Scheduled(every = "10m", delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    if (jobLease.tryAcquire("ingest-idempotency-expiry", Duration.ofMinutes(10))) {
      try {
        deleteExpired();
      } catch (RuntimeException e) {
        LOG.warnf("Could not delete expired idempotency keys; the next run tries again: %s",
            e.getMessage());
      }
    }
  }

  /** Deletes the keys whose window is over, in batches that keep each transaction short. */
  long deleteExpired() {
    double age = config.idempotencyWindow().plus(LEASE).toSeconds();
    long deleted = 0;
    int batch;
    do {
      batch = pool.preparedQuery(EXPIRE).execute(Tuple.of(age)).map(rows -> rows.rowCount())
          .await().atMost(Duration.ofMinutes(1));
      deleted += batch;
    } while (batch == EXPIRY_BATCH);
    if (deleted > 0) {
      LOG.infof("Deleted %d expired idempotency keys", deleted);
    }
    return deleted;
  }
}
