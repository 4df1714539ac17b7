package io.strata.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.strata.security.Caller;
import io.strata.security.Callers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Records every refused credential: a request answered 401 or 403 whose action did not record its
 * own outcome (an unknown or revoked key, a forged token, a missing scope), on every path and
 * protocol. It goes to the trail of the tenant the credential belongs to, or the platform's when
 * none is known.
 */
@ApplicationScoped
public class RefusedRequests {

  private static final Logger LOG = Logger.getLogger(RefusedRequests.class);

  private final AuditTrail trail;

  RefusedRequests(AuditTrail trail) {
    this.trail = trail;
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 50).handler(rc -> {
      rc.addEndHandler(ended -> recordIfRefused(rc));
      rc.next();
    });
  }

  private void recordIfRefused(RoutingContext rc) {
    int status = rc.response().getStatusCode();
    if ((status != 401 && status != 403) || rc.get(AuditTrail.RECORDED) != null) {
      return;
    }
    SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity()
        : null;
    String source = rc.request().remoteAddress() == null ? null
        : rc.request().remoteAddress().hostAddress();
    String agent = rc.request().getHeader("User-Agent");
    Caller caller = identity == null || identity.isAnonymous()
        ? new Caller(null, Caller.ActorType.USER, null, null, null, false, source, agent)
        : Callers.of(identity, source, agent);
    AuditEntry entry = new AuditEntry(AuditEntry.chainOf(caller), caller, "auth.refused",
        rc.request().method() + " " + rc.normalizedPath(), java.util.Map.of(),
        AuditOutcome.DENIED, status);
    trail.record(entry).subscribe().with(recorded -> { },
        failure -> LOG.warnf("A refused %s could not be recorded", rc.normalizedPath()));
  }
}
