package io.strata.alerting.silence;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;

/**
 * The caller's tenant's silences (maintenance windows): alerts they cover are not notified while
 * they are in force. Written by those who write rules, read by them and auditors.
 */
@Path("/api/v1/alerts/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

  private final SilenceService silences;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final InstantSource clock;
  private final URI publicUrl;

  SilenceResource(SilenceService silences, SecurityIdentity identity, Callers callers,
      InstantSource clock, StrataConfig config) {
    this.silences = silences;
    this.identity = identity;
    this.callers = callers;
    this.clock = clock;
    this.publicUrl = config.publicUrl();
  }

  /** Creates a silence: 201 with it, 400 naming the member, or 409. */
  @POST
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_silence.create")
  public Uni<Response> create(SilenceRequest body) {
    CallerTenant.forWriting(identity);
    return silences.create(callers.current(), body)
        .map(silence -> Response.created(UriBuilder.fromUri(publicUrl)
                .path("/api/v1/alerts/silences").path(silence.id).build())
            .entity(SilenceView.of(silence, clock.instant())).build());
  }

  /** The tenant's silences, the latest to start first, each with its status. */
  @GET
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists silences: no events read, nothing changed")
  public Uni<List<SilenceView>> list() {
    return silences.list(CallerTenant.of(identity)).map(all -> all.stream()
        .map(silence -> SilenceView.of(silence, clock.instant())).toList());
  }

  /** Ends the silence now: 200 with it (expired), or 404. */
  @DELETE
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_silence.expire")
  public Uni<SilenceView> expire(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return silences.expire(callers.current(), id)
        .map(silence -> SilenceView.of(silence, clock.instant()));
  }
}
