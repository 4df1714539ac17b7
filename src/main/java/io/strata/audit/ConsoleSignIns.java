package io.strata.audit;

import io.quarkus.oidc.SecurityEvent;
import io.strata.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Records each sign-in to the console (the end of an authorization code flow). */
@ApplicationScoped
public class ConsoleSignIns {

  private static final Logger LOG = Logger.getLogger(ConsoleSignIns.class);

  private final AuditTrail trail;

  ConsoleSignIns(AuditTrail trail) {
    this.trail = trail;
  }

  void signedIn(@Observes SecurityEvent event) {
    if (event.getEventType() != SecurityEvent.Type.OIDC_LOGIN || event.getSecurityIdentity() == null) {
      return;
    }
    var caller = Callers.of(event.getSecurityIdentity(), null, null);
    trail.record(AuditEntry.success(caller, "console.sign_in", caller.actorName()))
        .subscribe().with(recorded -> { }, failure ->
            LOG.warnf("A console sign-in of %s could not be recorded", caller.actorName()));
  }
}
