package io.strata.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.strata.security.Caller;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Appends to the audit trail. Fails closed: when an event cannot be written the caller gets an
 * {@link AuditUnavailableException} (503) and must not do, or must roll back, what it records.
 *
 * <p>Appends to one chain are put in one order by the row lock on the chain's head, so several
 * nodes may write to the same chain.
 */
@ApplicationScoped
public class AuditTrail {

  private static final Logger LOG = Logger.getLogger(AuditTrail.class);
  private static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(10);

  /** Set on a request whose action the trail recorded: its refusal, if any, is recorded already. */
  static final String RECORDED = "strata.audit.recorded";

  private final InstantSource clock;
  private final Instance<CurrentVertxRequest> request;

  private final AuditWriter writer;

  AuditTrail(InstantSource clock, Instance<CurrentVertxRequest> request,
      AuditWriter writer) {
    this.writer = writer;
    this.clock = clock;
    this.request = request;
  }

  /** Records {@code entry} in a transaction of its own. */
  public Uni<AuditRecord> record(AuditEntry entry) {
    markRequest();
    return writer.write(entry).onFailure().transform(this::unavailable);
  }

  /**
   * Records {@code entry} in the transaction of the current Hibernate Reactive session: call it
   * inside the {@code @WithTransaction} of the change it records, so both commit or neither.
   */
  public Uni<AuditRecord> recordInTransaction(AuditEntry entry) {
    markRequest();
    return Panache.getSession()
        .chain(session -> append(new SessionChainStore(session), entry, clock.instant()))
        .onFailure().transform(this::unavailable);
  }

  /** Records {@code entry}, waiting for it; for services that run on worker threads. */
  public AuditRecord recordNow(AuditEntry entry) {
    return record(entry).await().atMost(BLOCKING_TIMEOUT);
  }

  /** Records a successful action of {@code caller} in its tenant's trail, waiting for it. */
  public void recordNow(Caller caller, String action, String target,
      java.util.Map<String, String> params) {
    recordNow(AuditEntry.success(caller, action, target, params));
  }

  /**
   * Runs a read {@code action} (blocking) and records it: its success before the result is handed
   * out (a result that cannot be recorded is never returned), its failure with the failure's status.
   */
  public <T> T auditedNow(AuditEntry entry, Supplier<T> action) {
    T result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      recordFailure(entry, e);
      throw e;
    }
    recordNow(entry);
    return result;
  }

  /**
   * Runs a change and records it in the change's own transaction (call inside {@code
   * @WithTransaction}): if the record cannot be written the change is rolled back. The target is
   * taken from the result ({@code targetOf}, may be null) when the entry has none. A failed change
   * is recorded in a transaction of its own.
   */
  public <T> Uni<T> auditedChange(AuditEntry entry, Supplier<Uni<T>> action,
      Function<T, String> targetOf) {
    return Uni.createFrom().<T>deferred(() -> action.get())
        .call(result -> recordInTransaction(targetOf == null || result == null ? entry
            : entry.withTarget(targetOf.apply(result))))
        .onFailure(failure -> !(failure instanceof AuditUnavailableException))
        .call(failure -> record(entry.ended(status(failure)))
            .onFailure().recoverWithNull());
  }

  /** Records that the action of {@code entry} failed with {@code failure}; never throws. */
  public void recordFailure(AuditEntry entry, RuntimeException failure) {
    try {
      recordNow(entry.ended(status(failure)));
    } catch (RuntimeException e) {
      // The action failed anyway; its failure is what the caller must hear about.
      LOG.warnf("A failed %s could not be recorded: %s", entry.action(), e.getMessage());
    }
  }

  /** The HTTP status a failure is answered with. */
  static int status(Throwable failure) {
    if (failure instanceof io.strata.infra.http.ProblemException problem) {
      return problem.status();
    }
    if (failure instanceof io.quarkus.security.ForbiddenException) {
      return 403;
    }
    if (failure instanceof io.quarkus.security.UnauthorizedException
        || failure instanceof io.quarkus.security.AuthenticationFailedException) {
      return 401;
    }
    if (failure instanceof jakarta.ws.rs.WebApplicationException web) {
      return web.getResponse().getStatus();
    }
    return 500;
  }

  /** Tells {@link RefusedRequests} that this request's outcome is in the trail. */
  private void markRequest() {
    try {
      RoutingContext rc = request.get().getCurrent();
      if (rc != null) {
        rc.put(RECORDED, Boolean.TRUE);
      }
    } catch (RuntimeException e) {
      // No HTTP request (console push, scheduled job): nothing to mark.
    }
  }

  private Throwable unavailable(Throwable failure) {
    if (failure instanceof AuditUnavailableException) {
      return failure;
    }
    LOG.errorf("The audit trail could not record an action: %s", failure.toString());
    return new AuditUnavailableException(failure);
  }

  /** Appends {@code entry} as the next event of its chain through {@code store}. */
  static Uni<AuditRecord> append(ChainStore store, AuditEntry entry, Instant now) {
    return store.lockHead(entry.chain()).chain(head -> {
      AuditRecord record = link(entry, head.seq() + 1, head.hash(), now);
      return store.insert(record)
          .chain(() -> store.updateHead(entry.chain(), record.seq(), record.hash()))
          .replaceWith(record);
    });
  }

  /** {@code entry} as event {@code seq} of its chain after the event whose hash is {@code prev}. */
  static AuditRecord link(AuditEntry entry, long seq, String prev, Instant now) {
    Caller caller = entry.caller();
    AuditRecord unhashed = new AuditRecord(entry.chain(), seq, AuditHashing.truncate(now),
        caller.tenant(), caller.actorType().label(), caller.actorId(), caller.actorName(),
        caller.source(), truncate(caller.userAgent(), 512), entry.action(),
        truncate(entry.target(), 512), new java.util.TreeMap<>(entry.params()),
        entry.outcome().label(), entry.status(), prev, null);
    return withHash(unhashed, AuditHashing.hash(prev, unhashed));
  }

  private static AuditRecord withHash(AuditRecord r, String hash) {
    return new AuditRecord(r.chain(), r.seq(), r.time(), r.tenant(), r.actorType(), r.actorId(),
        r.actorName(), r.source(), r.userAgent(), r.action(), r.target(), r.params(), r.outcome(),
        r.status(), r.prevHash(), hash);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
