package io.strata.tenancy;

import jakarta.inject.Inject;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditEntry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Creates and lists tenants. */
@ApplicationScoped
public class TenantService {

  @Inject
  AuditTrail audit;

  /** Creates a tenant; a 409 problem when the id is taken. Recorded in the platform's trail. */
  @WithTransaction
  @Audited("tenant.create")
  public Uni<Tenant> create(Caller caller, String id, String name, Integer maxEventsPerSecond) {
    return audit.auditedChange(AuditEntry.success(caller, "tenant.create", id, AuditEntry.params(
            "name", name, "max_events_per_second", maxEventsPerSecond)),
        () -> doCreate(id, name, maxEventsPerSecond), null);
  }

  private Uni<Tenant> doCreate(String id, String name, Integer maxEventsPerSecond) {
    TenantIds.require(id);
    if (name == null || name.isBlank()) {
      throw ProblemException.badRequest("invalid-tenant", "A tenant needs a non-empty 'name'.")
          .with("field", "name");
    }
    requireValidRate(maxEventsPerSecond);
    return Tenant.<Tenant>findById(id).chain(existing -> {
      if (existing != null) {
        return Uni.createFrom().failure(ProblemException.conflict("Tenant '" + id + "' already exists."));
      }
      Tenant tenant = new Tenant();
      tenant.id = id;
      tenant.name = name.trim();
      tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      tenant.maxEventsPerSecond = maxEventsPerSecond;
      return tenant.<Tenant>persist();
    });
  }

  /** Sets (or, with null, lifts) a tenant's ingest limit; a 404 problem for an unknown tenant. */
  @WithTransaction
  @Audited("tenant.update")
  public Uni<Tenant> limit(Caller caller, String id, Integer maxEventsPerSecond) {
    return audit.auditedChange(AuditEntry.success(caller, "tenant.update", id, AuditEntry.params(
            "max_events_per_second", maxEventsPerSecond == null ? "none" : maxEventsPerSecond)),
        () -> doLimit(id, maxEventsPerSecond), null);
  }

  private Uni<Tenant> doLimit(String id, Integer maxEventsPerSecond) {
    requireValidRate(maxEventsPerSecond);
    return Tenant.<Tenant>findById(id).map(tenant -> {
      if (tenant == null) {
        throw ProblemException.notFound("No tenant '" + id + "'.");
      }
      tenant.maxEventsPerSecond = maxEventsPerSecond;
      return tenant;
    });
  }

  private static void requireValidRate(Integer maxEventsPerSecond) {
    if (maxEventsPerSecond != null && maxEventsPerSecond < 1) {
      throw ProblemException.badRequest("invalid-tenant",
          "'max_events_per_second' must be at least 1, or null for no limit.")
          .with("field", "max_events_per_second");
    }
  }

  @WithSession
  @AuditExempt("lists tenant names and limits: no events, nothing changed")
  public Uni<List<Tenant>> list() {
    return Tenant.listAll(io.quarkus.panache.common.Sort.by("id"));
  }

  @WithSession
  @AuditExempt("reads one tenant's name and limit: no events, nothing changed")
  public Uni<Tenant> find(String id) {
    return Tenant.findById(id);
  }
}
