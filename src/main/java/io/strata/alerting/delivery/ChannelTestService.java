package io.strata.alerting.delivery;

import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.alerting.AlertConfig;
import io.strata.alerting.channel.ChannelService;
import io.strata.alerting.channel.Receiver;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditUnavailableException;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test button, for the API and the console alike: sends a test notification to one of the
 * caller's tenant's channels now, past the outbox, and answers with what the receiver said. It
 * makes Strata send a request, so it is a change as far as access goes (read-only users may not)
 * and it is recorded in the trail ({@code alert_channel.test}, with the outcome).
 */
@ApplicationScoped
public class ChannelTestService {

  private final ChannelService channels;
  private final NoticeSender sender;
  private final AuditTrail audit;
  private final Vertx vertx;
  private final InstantSource clock;
  private final String consoleUrl;
  private final Duration timeout;

  ChannelTestService(ChannelService channels, NoticeSender sender, AuditTrail audit, Vertx vertx,
      InstantSource clock, StrataConfig strata, AlertConfig config) {
    this.channels = channels;
    this.sender = sender;
    this.audit = audit;
    this.vertx = vertx;
    this.clock = clock;
    this.consoleUrl = strata.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
    this.timeout = config.sendTimeout().plusSeconds(5);
  }

  /**
   * The attempt to send a test message to channel {@code id}: {@code delivered}, the receiver's
   * status code and the start of its answer. A 404 problem when the tenant has no such channel, a
   * 403 for read-only callers. Subscribe on a Vert.x context (the lookup is Hibernate Reactive).
   */
  @Audited("alert_channel.test")
  public Uni<Attempt> test(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    AuditEntry entry = AuditEntry.success(caller, "alert_channel.test", id);
    // The send resolves the receiver's host first, which blocks: on a worker thread.
    return channels.get(tenant, id).map(Receiver::of)
        .chain(receiver -> vertx.executeBlocking(() -> send(tenant, id, receiver), false))
        .call(attempt -> audit.record(AuditEntry.success(caller, "alert_channel.test", id,
            AuditEntry.params("delivered", attempt.delivered(),
                "status_code", attempt.statusCode()))))
        .onFailure(failure -> !(failure instanceof AuditUnavailableException))
        .call(failure -> audit.record(entry.ended(failure instanceof ProblemException problem
                ? problem.status() : 500))
            .onFailure().recoverWithNull());
  }

  private Attempt send(String tenant, String id, Receiver receiver) throws Exception {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Notice notice = new Notice(Notice.TEST, tenant, "test", "Strata test notification", "info",
        "test-" + id, Map.of(), Map.of(), null, "A test of channel '" + receiver.name()
            + "': it works if you read this.", now, null, now, null, null, null, consoleUrl);
    return sender.send(receiver, notice, "test-" + now.toEpochMilli())
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
