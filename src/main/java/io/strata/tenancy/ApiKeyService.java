package io.strata.tenancy;

import io.strata.security.ApiKeySecrets;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditEntry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.security.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Issues, lists and revokes the API keys of a tenant. */
@ApplicationScoped
public class ApiKeyService {

  @Inject
  Event<ApiKeyRevoked> revocations;

  @Inject
  AuditTrail audit;

  /** A key just made, with the secret that is shown this once. */
  public record Issued(ApiKey key, String secret) {}

  /** Issues a key for an existing tenant; 404 when the tenant does not exist. */
  @WithTransaction
  @Audited("key.create")
  public Uni<Issued> issue(Caller caller, String tenantId, KeyRequest request) {
    return audit.auditedChange(AuditEntry.success(caller, "key.create", null, AuditEntry.params(
            "tenant", tenantId, "name", request == null ? null : request.name(),
            "scopes", request == null || request.scopes() == null ? null
                : String.join(",", request.scopes()),
            "expires_at", request == null ? null : request.expiresAt())),
        () -> doIssue(tenantId, request), issued -> issued.key().id);
  }

  private Uni<Issued> doIssue(String tenantId, KeyRequest request) {
    requireTenant(tenantId);
    if (request == null || request.name() == null || request.name().isBlank()) {
      throw ProblemException.badRequest("invalid-key", "A key needs a non-empty 'name'.")
          .with("field", "name");
    }
    Set<String> scopes = validScopes(request.scopes());
    if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
      throw ProblemException.badRequest("invalid-key", "'expires_at' must be in the future.")
          .with("field", "expires_at");
    }
    return Tenant.<Tenant>findById(tenantId).chain(tenant -> {
      if (tenant == null) {
        return Uni.createFrom().failure(ProblemException.notFound("No tenant '" + tenantId + "'."));
      }
      String secret = ApiKeySecrets.newSecret();
      ApiKey key = new ApiKey();
      key.id = ApiKeySecrets.newId();
      key.tenantId = tenantId;
      key.name = request.name().trim();
      key.hash = ApiKeySecrets.hash(secret);
      key.scopes = String.join(",", scopes);
      key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      key.expiresAt = request.expiresAt();
      return key.<ApiKey>persist().map(saved -> new Issued(saved, secret));
    });
  }

  @WithSession
  @AuditExempt("lists key names and scopes, never secrets: no events, nothing changed")
  public Uni<List<ApiKey>> list(String tenantId) {
    return ApiKey.list("tenantId", Sort.by("createdAt"), tenantId);
  }

  /** Revokes a key of the tenant; false when the tenant has no such key. */
  @WithTransaction
  @Audited("key.revoke")
  public Uni<Boolean> revoke(Caller caller, String tenantId, String keyId) {
    return audit.auditedChange(AuditEntry.success(caller, "key.revoke", keyId,
            AuditEntry.params("tenant", tenantId)),
        () -> doRevoke(tenantId, keyId).map(found -> {
          if (!found) {
            throw ProblemException.notFound("No key '" + keyId + "' in tenant '" + tenantId + "'.");
          }
          return true;
        }), null);
  }

  private Uni<Boolean> doRevoke(String tenantId, String keyId) {
    requireTenant(tenantId);
    return ApiKey.<ApiKey>findById(keyId).map(key -> {
      if (key == null || !key.tenantId.equals(tenantId)) {
        return false;
      }
      if (key.revokedAt == null) {
        key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      }
      // Live tails opened with the key end now rather than at the next credential check.
      revocations.fire(new ApiKeyRevoked(keyId));
      return true;
    });
  }

  private static void requireTenant(String tenantId) {
    if (tenantId == null) {
      throw ProblemException.forbidden(
          "This credential is not bound to a tenant; use an API key of the tenant.");
    }
  }

  private static Set<String> validScopes(List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      throw ProblemException.badRequest("invalid-key",
          "A key needs 'scopes': one or more of " + Scopes.KEY_SCOPES + ".").with("field", "scopes");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : requested) {
      if (scope == null || !Scopes.KEY_SCOPES.contains(scope)) {
        throw ProblemException.badRequest("invalid-key", "Unknown scope '" + scope
            + "': use one or more of " + Scopes.KEY_SCOPES + ".").with("field", "scopes");
      }
      scopes.add(scope);
    }
    return scopes;
  }
}
