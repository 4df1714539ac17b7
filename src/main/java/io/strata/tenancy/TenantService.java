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
  public Uni<Tenant> create(String id, String name) {
    TenantIds.require(id);
    if (name == null || name.isBlank()) {
      throw ProblemException.badRequest("invalid-tenant", "A tenant needs a non-empty 'name'.")
          .with("field", "name");
    }
    return Tenant.<Tenant>findById(id).chain(existing -> {
      if (existing != null) {
        return Uni.createFrom().failure(ProblemException.conflict("Tenant '" + id + "' already exists."));
      }
      Tenant tenant = new Tenant();
      tenant.id = id;
      tenant.name = name.trim();
      tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      return tenant.<Tenant>persist();
    });
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
