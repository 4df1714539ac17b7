package io.strata.alerting.channel;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.Caller;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;

/**
 * The caller's tenant's notification channels. Written by those who write rules (engineers with
 * {@code search}, and admins), read by them and auditors; secrets are never returned. A URL whose
 * host is internal is refused (see {@link ReceiverAddresses}); an e-mail channel needs an SMTP
 * server configured by the operator.
 */
@Path("/api/v1/alerts/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

  private final ChannelService channels;
  private final ChannelChecks checks;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final URI publicUrl;

  ChannelResource(ChannelService channels, ChannelChecks checks, SecurityIdentity identity,
      Callers callers, Vertx vertx, StrataConfig config) {
    this.channels = channels;
    this.checks = checks;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
    this.publicUrl = config.publicUrl();
  }

  /** Stores a channel: 201 with it (never its secret) and its Location, 400 naming the field. */
  @POST
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_channel.create")
  public Uni<Response> create(ChannelRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return checked(body, true)
        .chain(valid -> channels.create(caller, valid))
        .map(channel -> Response.created(UriBuilder.fromUri(publicUrl)
                .path("/api/v1/alerts/channels").path(channel.id).build())
            .entity(ChannelView.of(channel)).build());
  }

  /** The tenant's channels, by name. */
  @GET
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists alert channels: no events read, nothing changed")
  public Uni<List<ChannelView>> list() {
    return channels.list(CallerTenant.of(identity))
        .map(all -> all.stream().map(ChannelView::of).toList());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads one alert channel: no events read, nothing changed")
  public Uni<ChannelView> get(@PathParam("id") String id) {
    return channels.get(CallerTenant.of(identity), id).map(ChannelView::of);
  }

  /** Replaces the channel's settings (a secret left out is kept): 200, 400, 404 or 409. */
  @PUT
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_channel.update")
  public Uni<ChannelView> replace(@PathParam("id") String id, ChannelRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return checked(body, false)
        .chain(valid -> channels.replace(caller, id, valid))
        .map(ChannelView::of);
  }

  /** Deletes the channel: 204, 404, or 409 when rules still send to it. */
  @DELETE
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_channel.delete")
  public Uni<Response> delete(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return channels.delete(callers.current(), id).map(done -> Response.noContent().build());
  }

  /**
   * The body checked (the console's checks, {@link ChannelChecks}), then its URL's host resolved
   * and judged on a worker thread (a name lookup blocks); {@code executeBlocking} brings the result
   * back to this request's context.
   */
  private Uni<ChannelRules.Valid> checked(ChannelRequest body, boolean creating) {
    ChannelRules.Valid valid = checks.checked(body, creating);
    if (valid.url() == null) {
      return Uni.createFrom().item(valid);
    }
    return vertx.executeBlocking(() -> checks.reachable(valid), false);
  }
}
