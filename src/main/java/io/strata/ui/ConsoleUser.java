package io.strata.ui;

import io.quarkus.security.identity.SecurityIdentity;
import com.vaadin.flow.server.VaadinRequest;
import io.strata.security.Caller;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import io.strata.security.TokenIdentityAugmentor;
import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in user as the console needs it, read from the OIDC identity of the request that opened
 * the view: push and timer callbacks run outside any request, so views keep this instead.
 *
 * @param tenant the user's tenant, {@code null} for the operator
 * @param caller the user as services and the audit trail see them
 */
public record ConsoleUser(String name, String tenant, Set<String> roles, boolean readOnly,
    Caller caller) implements Serializable {

  /** The user of {@code identity}, signed in from the browser of the current request. */
  public static ConsoleUser of(SecurityIdentity identity) {
    Object tenant = identity.getAttribute(CallerTenant.ATTRIBUTE);
    VaadinRequest request = VaadinRequest.getCurrent();
    Caller caller = Callers.of(identity, request == null ? null : request.getRemoteAddr(),
        request == null ? null : request.getHeader("User-Agent"));
    return new ConsoleUser(identity.getPrincipal().getName(),
        tenant == null ? null : tenant.toString(), Set.copyOf(identity.getRoles()),
        Boolean.TRUE.equals(identity.getAttribute(TokenIdentityAugmentor.READ_ONLY_ATTRIBUTE)),
        caller);
  }

  public boolean canSearch() {
    return tenant != null && roles.contains(Scopes.SEARCH);
  }

  public boolean isAdmin() {
    return tenant != null && roles.contains(Scopes.ADMIN);
  }

  /** Whether the user may read the tenant's audit trail and reports (auditors and admins). */
  public boolean canAudit() {
    return tenant != null && roles.contains(Scopes.AUDIT);
  }

  public boolean isOperator() {
    return roles.contains(Scopes.OPERATOR);
  }
}
