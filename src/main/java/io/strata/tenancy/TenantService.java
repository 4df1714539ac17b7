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
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates and lists tenants. */
@ApplicationScoped
public class TenantService {

  @Inject
  AuditTrail audit;

  @Inject
  Instance<RetentionLimits> retention;

  @Inject
  ApiKeyCache keys;

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

  /**
   * Changes a tenant's limits: only those {@code changes} names; a null value lifts that limit. A
   * 404 problem for an unknown tenant; a retention maximum below what the tenant's policy keeps is
   * refused (409), since lowering it would break the tenant's own compliance profile.
   */
  @WithTransaction
  @Audited("tenant.update")
  public Uni<Tenant> update(Caller caller, String id, TenantChanges changes) {
    Map<String, String> params = new LinkedHashMap<>();
    changes.maxEventsPerSecond().ifPresent(v -> params.put("max_events_per_second",
        v.map(String::valueOf).orElse("none")));
    changes.maxRetentionDays().ifPresent(v -> params.put("max_retention_days",
        v.map(String::valueOf).orElse("none")));
    changes.partitions().ifPresent(v -> params.put("partitions", String.valueOf(v)));
    return audit.auditedChange(AuditEntry.success(caller, "tenant.update", id, params),
        () -> doUpdate(id, changes), null);
  }

  private Uni<Tenant> doUpdate(String id, TenantChanges changes) {
    changes.maxEventsPerSecond().ifPresent(v -> requireValidRate(v.orElse(null)));
    changes.maxRetentionDays().ifPresent(v -> requireValidRetention(v.orElse(null)));
    changes.partitions().ifPresent(TenantService::requireValidPartitions);
    return Tenant.<Tenant>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(tenant -> {
      if (tenant == null) {
        throw ProblemException.notFound("No tenant '" + id + "'.");
      }
      changes.maxEventsPerSecond().ifPresent(v -> tenant.maxEventsPerSecond = v.orElse(null));
      changes.partitions().ifPresent(v -> tenant.partitions = v);
      // Keys carry their tenant's limits: this node forgets them now, the others at commit.
      keys.invalidateAll();
      Uni<Void> check = Uni.createFrom().voidItem();
      if (changes.maxRetentionDays().isPresent() && changes.maxRetentionDays().get().isPresent()) {
        int max = changes.maxRetentionDays().get().get();
        check = retention.isResolvable() ? retention.get().requireWithin(id, max) : check;
      }
      return check.map(ok -> {
        changes.maxRetentionDays().ifPresent(v -> tenant.maxRetentionDays = v.orElse(null));
        return tenant;
      });
    });
  }

  private static void requireValidPartitions(int partitions) {
    if (partitions < 1 || partitions > 1024) {
      throw ProblemException.badRequest("invalid-tenant",
          "'partitions' must be between 1 and 1024, was " + partitions + ".")
          .with("field", "partitions");
    }
  }

  private static void requireValidRetention(Integer maxRetentionDays) {
    if (maxRetentionDays != null && (maxRetentionDays < 1 || maxRetentionDays > 36_500)) {
      throw ProblemException.badRequest("invalid-tenant",
          "'max_retention_days' must be between 1 and 36500, or null for no maximum.")
          .with("field", "max_retention_days");
    }
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
