package io.strata.retention;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Takes, lists and cancels a tenant's erasure requests; {@link ErasureRunner} carries them out.
 * Every lookup is by id and tenant together.
 */
@ApplicationScoped
public class ErasureService {

  /** Erasures one tenant may have waiting (pending or running) at once. */
  public static final int MAX_OPEN = 100;

  /** A request checked by the resource: its query compiles, its range is absolute and narrow. */
  public record ValidErasure(String query, Instant from, Instant to, String reason) {}

  private final AuditTrail audit;
  private final InstantSource clock;
  private final ErasureConfig config;

  ErasureService(AuditTrail audit, InstantSource clock, ErasureConfig config) {
    this.audit = audit;
    this.clock = clock;
    this.config = config;
  }

  /** Records the request as pending; it runs once the cancel window has passed. */
  @Audited("erasure.request")
  @WithTransaction
  public Uni<Erasure> request(Caller caller, ValidErasure request) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "erasure.request", null,
            AuditEntry.params("query", request.query(), "from", request.from(), "to", request.to(),
                "reason", request.reason())),
        () -> Erasure.count("tenant = ?1 and state in ('pending', 'running')", tenant)
            .chain(open -> take(caller, tenant, request, open)), created -> created.id);
  }

  private Uni<Erasure> take(Caller caller, String tenant, ValidErasure request, long open) {
    if (open >= MAX_OPEN) {
      return Uni.createFrom().failure(ProblemException.conflict("This tenant already has "
          + MAX_OPEN + " erasures waiting, the most it may have; let them run or cancel some"
          + " first."));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Erasure erasure = new Erasure();
    erasure.id = "era_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    erasure.tenant = tenant;
    erasure.query = request.query();
    erasure.from = request.from();
    erasure.to = request.to();
    erasure.reason = request.reason();
    erasure.state = ErasureState.PENDING.label();
    erasure.requestedAt = now;
    erasure.requestedBy = caller.actorName();
    erasure.notBefore = now.plus(config.cancelWindow());
    return erasure.persist();
  }

  /** Cancels a pending erasure; 409 once it has started or ended. */
  @Audited("erasure.cancel")
  @WithTransaction
  public Uni<Erasure> cancel(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "erasure.cancel", id),
        () -> owned(tenant, id).map(erasure -> {
          if (!ErasureState.PENDING.label().equals(erasure.state)) {
            throw new ProblemException(409, "erasure-not-pending", "Conflict", "Erasure '" + id
                + "' is " + erasure.state + "; only a pending erasure can be cancelled.")
                .with("state", erasure.state);
          }
          erasure.state = ErasureState.CANCELLED.label();
          erasure.cancelledAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
          erasure.cancelledBy = caller.actorName();
          return erasure;
        }), null);
  }

  /** One page of the tenant's erasure requests, newest first (ties: by id). */
  @WithSession
  @AuditExempt("lists erasure requests: no events, nothing changed")
  public Uni<ListPage<Erasure>> page(String tenant, PageRequest request) {
    Sort order = Sort.by("requestedAt", Sort.Direction.Descending)
        .and("id", Sort.Direction.Descending);
    ListCursor after = request.after();
    var query = after == null ? Erasure.<Erasure>find("tenant = ?1", order, tenant)
        : Erasure.<Erasure>find(
            "tenant = ?1 and (requestedAt < ?2 or (requestedAt = ?2 and id < ?3))", order, tenant,
            after.time(), after.id());
    // One row more than asked: it only says whether there is a next page.
    return query.range(0, request.limit()).list().map(rows -> ListPage.of(rows, request,
        erasure -> new ListCursor(erasure.requestedAt, erasure.id)));
  }

  @WithSession
  @AuditExempt("reads one erasure request or its receipt: no events, nothing changed")
  public Uni<Erasure> get(String tenant, String id) {
    return owned(tenant, id);
  }

  private static Uni<Erasure> owned(String tenant, String id) {
    return Erasure.<Erasure>find("id = ?1 and tenant = ?2", id, tenant).firstResult()
        .map(erasure -> {
          if (erasure == null) {
            throw ProblemException.notFound("No erasure '" + id + "' in this tenant.");
          }
          return erasure;
        });
  }
}
