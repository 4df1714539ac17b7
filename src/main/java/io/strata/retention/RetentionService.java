package io.strata.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.security.Caller;
import io.strata.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and sets a tenant's retention policy. A new policy applies to events indexed from then on
 * and to the expiry of existing indexes by their class (see README, "Retention").
 */
@ApplicationScoped
public class RetentionService {

  private final AuditTrail audit;
  private final RetentionPolicies policies;
  private final ObjectMapper json;
  private final InstantSource clock;

  RetentionService(AuditTrail audit, RetentionPolicies policies, ObjectMapper json,
      InstantSource clock) {
    this.audit = audit;
    this.policies = policies;
    this.json = json;
    this.clock = clock;
  }

  /** The policy in force for {@code tenant}: its own, or the platform default. */
  @WithSession
  @AuditExempt("reads the retention policy: no events, nothing changed")
  public Uni<RetentionPolicy> get(String tenant) {
    return Tenant.<Tenant>findById(tenant).chain(t -> StoredRetentionPolicy
        .<StoredRetentionPolicy>findById(tenant)
        .map(stored -> stored == null ? policies.defaultPolicy(t == null ? null : t.maxRetentionDays)
            : view(stored)));
  }

  /**
   * Replaces the caller's tenant's policy with {@code policy}, which passed {@link
   * RetentionRules#validate} (shape and selectors); checked again here against the operator's
   * maximum, under the tenant's row lock. In force on this node once stored, on others within
   * {@link RetentionConfig#policyRefresh()}.
   */
  @Audited("retention.update")
  public Uni<RetentionPolicy> put(Caller caller, RetentionPolicy policy) {
    String tenant = caller.tenantForWriting();
    return Panache.withTransaction(() -> audit.auditedChange(
            AuditEntry.success(caller, "retention.update", tenant, params(policy)),
            () -> store(tenant, caller.actorName(), policy), null))
        .invoke(stored -> policies.updated(tenant, stored));
  }

  private Uni<RetentionPolicy> store(String tenant, String updatedBy, RetentionPolicy policy) {
    return Tenant.<Tenant>findById(tenant, LockModeType.PESSIMISTIC_WRITE)
        .chain(t -> {
          RetentionPolicy valid = RetentionRules.validate(policy, t == null ? null
              : t.maxRetentionDays, selector -> { });
          return StoredRetentionPolicy.<StoredRetentionPolicy>findById(tenant)
              .chain(existing -> {
                StoredRetentionPolicy stored = existing != null ? existing
                    : new StoredRetentionPolicy();
                stored.tenant = tenant;
                stored.defaultDays = valid.defaultDays();
                stored.profile = valid.profile();
                stored.maxDays = valid.maxDays();
                stored.streams = write(valid.streams());
                stored.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                stored.updatedBy = updatedBy;
                return (existing != null ? Uni.createFrom().item(stored)
                    : stored.<StoredRetentionPolicy>persist()).map(this::view);
              });
        });
  }

  private RetentionPolicy view(StoredRetentionPolicy stored) {
    return new RetentionPolicy(stored.defaultDays, policies.streams(stored.streams), stored.profile,
        stored.maxDays, stored.updatedAt, stored.updatedBy);
  }

  /** The policy as the audit trail records it: enough for the retention report to show it. */
  private Map<String, String> params(RetentionPolicy policy) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("default_days", String.valueOf(policy.defaultDays()));
    params.put("profile", policy.profile() == null ? "none" : policy.profile());
    if (policy.maxDays() != null) {
      params.put("max_days", String.valueOf(policy.maxDays()));
    }
    params.put("streams", write(policy.streams()));
    return params;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
