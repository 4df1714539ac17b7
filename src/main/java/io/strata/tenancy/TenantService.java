package io.strata.tenancy;

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

  /** Creates a tenant; a 409 problem when the id is taken. */
  @WithTransaction
  public Uni<Tenant> create(String id, String name, Integer maxEventsPerSecond) {
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
  public Uni<Tenant> limit(String id, Integer maxEventsPerSecond) {
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
  public Uni<List<Tenant>> list() {
    return Tenant.listAll(io.quarkus.panache.common.Sort.by("id"));
  }

  @WithSession
  public Uni<Tenant> find(String id) {
    return Tenant.findById(id);
  }
}
