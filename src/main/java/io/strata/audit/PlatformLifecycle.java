package io.strata.audit;

import io.strata.StrataConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.security.Caller;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Records the platform's start and stop in the platform's trail. */
@ApplicationScoped
public class PlatformLifecycle {

  private static final Logger LOG = Logger.getLogger(PlatformLifecycle.class);
  private static final Caller SYSTEM = Caller.system("strata");

  private final AuditTrail trail;
  private final String nodeId;

  PlatformLifecycle(AuditTrail trail, StrataConfig config) {
    this.nodeId = config.nodeId();
    this.trail = trail;
  }

  // After the schema migrations (which observe start-up earlier).
  void started(@Observes @Priority(5000) StartupEvent event) {
    record("platform.start");
  }

  void stopping(@Observes ShutdownEvent event) {
    record("platform.stop");
  }

  private void record(String action) {
    try {
      trail.record(new AuditEntry(AuditEntry.PLATFORM, SYSTEM, action,
              nodeId,
              java.util.Map.of(), AuditOutcome.SUCCESS, 200))
          .await().atMost(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.errorf("The audit trail could not record %s: %s", action, e.getMessage());
    }
  }
}
