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
 * Places, lists and releases a tenant's legal holds. Every lookup is by id and tenant together, so
 * another tenant's hold is indistinguishable from a missing one. A released hold is kept, marked
 * released, for the record.
 */
@ApplicationScoped
public class LegalHoldService {

  /** Active holds one tenant may have at once. */
  public static final int MAX_ACTIVE = 100;

  /** A hold checked by the resource: its query parses, its range is absolute. */
  public record ValidHold(String name, String caseRef, String query, Instant from, Instant to,
      String reason) {}

  private final AuditTrail audit;
  private final InstantSource clock;

  LegalHoldService(AuditTrail audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Audited("hold.create")
  @WithTransaction
  public Uni<LegalHold> create(Caller caller, ValidHold hold) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "hold.create", null, AuditEntry.params(
            "name", hold.name(), "case", hold.caseRef(), "query", hold.query(), "from", hold.from(),
            "to", hold.to(), "reason", hold.reason())),
        () -> LegalHold.count("tenant = ?1 and releasedAt is null", tenant).chain(active -> {
          if (active >= MAX_ACTIVE) {
            throw ProblemException.conflict("This tenant already has " + MAX_ACTIVE
                + " active legal holds, the most it may have; release one first.");
          }
          LegalHold held = new LegalHold();
          held.id = "hold_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
          held.tenant = tenant;
          held.name = hold.name();
          held.caseRef = hold.caseRef();
          held.query = hold.query();
          held.from = hold.from();
          held.to = hold.to();
          held.reason = hold.reason();
          held.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
          held.createdBy = caller.actorName();
          return held.<LegalHold>persist();
        }), created -> created.id);
  }

  /** One page of the tenant's holds, newest first (ties: by id), released ones included. */
  @WithSession
  @AuditExempt("lists legal holds: no events, nothing changed")
  public Uni<ListPage<LegalHold>> page(String tenant, PageRequest request) {
    Sort order = Sort.by("createdAt", Sort.Direction.Descending)
        .and("id", Sort.Direction.Descending);
    ListCursor after = request.after();
    var query = after == null ? LegalHold.<LegalHold>find("tenant = ?1", order, tenant)
        : LegalHold.<LegalHold>find(
            "tenant = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))", order, tenant,
            after.time(), after.id());
    // One row more than asked: it only says whether there is a next page.
    return query.range(0, request.limit()).list()
        .map(rows -> ListPage.of(rows, request, hold -> new ListCursor(hold.createdAt, hold.id)));
  }

  @WithSession
  @AuditExempt("reads one legal hold: no events, nothing changed")
  public Uni<LegalHold> get(String tenant, String id) {
    return owned(tenant, id);
  }

  /**
   * Releases a hold: from the next retention run, the indexes it kept expire if their time is past.
   * Releasing a released hold changes nothing.
   */
  @Audited("hold.release")
  @WithTransaction
  public Uni<LegalHold> release(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "hold.release", id),
        () -> owned(tenant, id).map(hold -> {
          if (hold.releasedAt == null) {
            hold.releasedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            hold.releasedBy = caller.actorName();
          }
          return hold;
        }), null);
  }

  private static Uni<LegalHold> owned(String tenant, String id) {
    return LegalHold.<LegalHold>find("id = ?1 and tenant = ?2", id, tenant).firstResult()
        .map(hold -> {
          if (hold == null) {
            throw ProblemException.notFound("No legal hold '" + id + "' in this tenant.");
          }
          return hold;
        });
  }
}
