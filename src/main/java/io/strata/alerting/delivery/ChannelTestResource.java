package io.strata.alerting.delivery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.alerting.channel.ChannelService;
import io.strata.alerting.channel.Receiver;
import io.strata.audit.Audited;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test button: sends a test notification to one of the caller's tenant's channels now, past
 * the outbox, and answers with what the receiver said. Needs the same roles as changing channels,
 * since it makes Strata send a request.
 */
@Path("/api/v1/alerts/channels/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelTestResource {

  private final ChannelService channels;
  private final NoticeSender sender;
  private final SecurityIdentity identity;
  private final Vertx vertx;
  private final InstantSource clock;
  private final String consoleUrl;
  private final Duration timeout;

  ChannelTestResource(ChannelService channels, NoticeSender sender, SecurityIdentity identity,
      Vertx vertx, InstantSource clock, StrataConfig strata, io.strata.alerting.AlertConfig config) {
    this.channels = channels;
    this.sender = sender;
    this.identity = identity;
    this.vertx = vertx;
    this.clock = clock;
    this.consoleUrl = strata.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
    this.timeout = config.sendTimeout().plusSeconds(5);
  }

  /** 200 with the attempt: {@code delivered}, {@code status_code}, {@code error}, {@code response}. */
  @POST
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_channel.test")
  public Uni<Attempt> test(@PathParam("id") String id) {
    String tenant = CallerTenant.forWriting(identity);
    // The send resolves the receiver's host first, which blocks: on a worker thread.
    return channels.get(tenant, id).map(Receiver::of).chain(receiver -> vertx.executeBlocking(
        () -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
          Notice notice = new Notice(Notice.TEST, tenant, "test", "Strata test notification",
              "info", "test-" + id, Map.of(), Map.of(), null, "A test of channel '"
                  + receiver.name() + "': it works if you read this.", now, null, now, null,
              null, null, consoleUrl);
          return sender.send(receiver, notice, "test-" + now.toEpochMilli())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }, false));
  }
}
