package io.strata.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.strata.audit.AuditVerified;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watches the platform's own conditions and reports them to {@link PlatformAlerts}: the audit
 * trail's scheduled verification (as it runs, on the node that holds its lease) and this node's
 * indexing delay (every 30 s, the longest delay from ingest to indexed of the last two minutes,
 * against {@code strata.alerts.operator.indexing-delay}).
 */
@ApplicationScoped
public class PlatformAlertWatch {

  static final String AUDIT = "audit_verification";
  static final String INDEXING_DELAY = "indexing_delay@";
  private static final Logger LOG = Logger.getLogger(PlatformAlertWatch.class);

  private final PlatformAlerts alerts;
  private final MeterRegistry metrics;
  private final Duration threshold;
  private final String node;

  PlatformAlertWatch(PlatformAlerts alerts, MeterRegistry metrics, AlertConfig config) {
    this.alerts = alerts;
    this.metrics = metrics;
    this.threshold = config.operator().indexingDelay();
    this.node = nodeName();
  }

  void audited(@Observes AuditVerified verified) {
    int failed = verified.failedChains().size();
    String summary = failed == 0 ? "Every audit chain verified (" + verified.chains() + ")."
        : failed + " of " + verified.chains() + " audit chains failed verification: "
            + String.join(", ", verified.failedChains().subList(0, Math.min(failed, 20)))
            + (failed > 20 ? ", ..." : "") + ". Someone changed or removed audit events.";
    report(new PlatformAlerts.Condition(AUDIT, "Audit trail verification", failed > 0, failed,
        summary, "audit"));
  }

  @Scheduled(every = "30s", delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void indexingDelay() {
    Timer timer = metrics.find("strata.index.delay").timer();
    if (timer == null) {
      return; // nothing indexed on this node yet
    }
    long delay = (long) timer.max(TimeUnit.MILLISECONDS);
    report(new PlatformAlerts.Condition(INDEXING_DELAY + node, "Indexing delay on " + node,
        delay > threshold.toMillis(), delay, "Events took up to " + delay + " ms from ingest to"
            + " indexed on " + node + " in the last minutes (threshold " + threshold.toMillis()
            + " ms): searches and alerts see them late.", null));
  }

  private void report(PlatformAlerts.Condition condition) {
    try {
      alerts.report(condition);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Platform alert %s could not be recorded", condition.name());
    }
  }

  private static String nodeName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
