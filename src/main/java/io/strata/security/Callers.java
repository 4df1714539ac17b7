package io.strata.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Makes the {@link Caller} of the current HTTP request from its identity and connection. */
@ApplicationScoped
public class Callers {

  private final Instance<SecurityIdentity> identity;
  private final Instance<CurrentVertxRequest> request;

  Callers(Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request) {
    this.identity = identity;
    this.request = request;
  }

  /** The caller of the request being served. */
  public Caller current() {
    RoutingContext rc = request.get().getCurrent();
    String source = rc == null || rc.request().remoteAddress() == null ? null
        : rc.request().remoteAddress().hostAddress();
    String userAgent = rc == null ? null : rc.request().getHeader("User-Agent");
    return of(identity.get(), source, userAgent);
  }

  /** The caller {@code identity} stands for, seen from {@code source}. */
  public static Caller of(SecurityIdentity identity, String source, String userAgent) {
    Object tenantAttribute = identity.getAttribute(CallerTenant.ATTRIBUTE);
    String tenant = tenantAttribute == null ? null : tenantAttribute.toString();
    boolean readOnly =
        Boolean.TRUE.equals(identity.getAttribute(TokenIdentityAugmentor.READ_ONLY_ATTRIBUTE));
    Object keyId = identity.getAttribute(CallerCredential.KEY_ID_ATTRIBUTE);
    Caller.ActorType type;
    String actorId;
    String actorName;
    if (keyId != null) {
      type = Caller.ActorType.API_KEY;
      actorId = keyId.toString();
      Object name = identity.getAttribute(CallerCredential.KEY_NAME_ATTRIBUTE);
      actorName = name == null ? actorId : name.toString();
    } else if (identity.getPrincipal() instanceof JsonWebToken token) {
      type = tenant == null && identity.hasRole(Scopes.OPERATOR) ? Caller.ActorType.OPERATOR
          : Caller.ActorType.USER;
      actorId = token.getName();
      actorName = token.getName();
    } else if (!identity.isAnonymous() && identity.hasRole(Scopes.OPERATOR)) {
      type = Caller.ActorType.OPERATOR;
      actorId = "operator";
      actorName = "operator key";
    } else {
      type = Caller.ActorType.USER;
      actorId = identity.isAnonymous() ? null : identity.getPrincipal().getName();
      actorName = actorId;
    }
    return new Caller(tenant, type, actorId, actorName, identity.getRoles(), readOnly, source,
        userAgent);
  }
}
