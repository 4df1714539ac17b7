package io.strata.ui;

import io.quarkus.security.identity.SecurityIdentity;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import io.strata.security.TokenIdentityAugmentor;
import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in user as the console needs it, read from the OIDC identity of the request that opened
 * the view: push and timer callbacks run outside any request, so views keep this instead.
 *
 * @param tenant the user's tenant, {@code null} for the operator
 */
public record ConsoleUser(String name, String tenant, Set<String> roles, boolean readOnly)
    implements Serializable {

  /** The user of {@code identity}. */
  public static ConsoleUser of(SecurityIdentity identity) {
    Object tenant = identity.getAttribute(CallerTenant.ATTRIBUTE);
    return new ConsoleUser(identity.getPrincipal().getName(),
        tenant == null ? null : tenant.toString(), Set.copyOf(identity.getRoles()),
        Boolean.TRUE.equals(identity.getAttribute(TokenIdentityAugmentor.READ_ONLY_ATTRIBUTE)));
  }

  public boolean canSearch() {
    return tenant != null && roles.contains(Scopes.SEARCH);
  }

  public boolean isAdmin() {
    return tenant != null && roles.contains(Scopes.ADMIN);
  }

  public boolean isOperator() {
    return roles.contains(Scopes.OPERATOR);
  }
}
