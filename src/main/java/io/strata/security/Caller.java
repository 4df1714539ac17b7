package io.strata.security;

import io.strata.infra.http.ProblemException;
import java.io.Serializable;
import java.util.Set;

/**
 * Who asks for an action, as every service receives it: the tenant the credential is bound to, the
 * actor behind it, what it may do, and where the request came from. Services act for {@link
 * #tenant()} only and record the actor in the audit trail.
 *
 * @param tenant the tenant the credential is bound to, {@code null} for the operator and the system
 * @param actorType what kind of actor this is
 * @param actorId the API key's id, the user's name, {@code operator} or the system component
 * @param actorName the API key's name or the user's name (never a secret)
 * @param scopes what the credential may do ({@link Scopes})
 * @param readOnly whether the actor may only read (auditors)
 * @param source the client's address, {@code null} when there is no request
 * @param userAgent the client's {@code User-Agent}, {@code null} when there is none
 */
public record Caller(String tenant, ActorType actorType, String actorId, String actorName,
    Set<String> scopes, boolean readOnly, String source, String userAgent) implements Serializable {

  /** The kinds of actor the audit trail tells apart. */
  public enum ActorType {
    API_KEY, USER, OPERATOR, SYSTEM;

    /** The name the audit trail uses: {@code api_key}, {@code user}, ... */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Caller {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** Strata itself, acting on its own (start, stop, scheduled jobs). */
  public static Caller system(String component) {
    return new Caller(null, ActorType.SYSTEM, component, component, Set.of(), false, null, null);
  }

  /** The caller's tenant; a 403 problem for a credential bound to no tenant (the operator's). */
  public String requireTenant() {
    if (tenant == null) {
      throw ProblemException.forbidden(
          "This credential is not bound to a tenant; use an API key of the tenant.");
    }
    return tenant;
  }

  /** The caller's tenant for an action that changes something; a 403 problem for read-only actors. */
  public String tenantForWriting() {
    if (readOnly) {
      throw ProblemException.forbidden("Auditors have read-only access.");
    }
    return requireTenant();
  }

  /** Whether the credential carries {@code scope}. */
  public boolean has(String scope) {
    return scopes.contains(scope);
  }
}
