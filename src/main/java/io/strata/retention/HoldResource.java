package io.strata.retention;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/**
 * The caller's tenant's legal holds ({@code admin} places and releases them; auditors read them).
 * A hold keeps every index holding events that match its {@code query} in {@code [from, to]} past
 * any retention, and blocks erasure of those events.
 */
@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoldResource {

  private final LegalHoldService holds;
  private final HoldChecks checks;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final URI publicUrl;

  HoldResource(LegalHoldService holds, HoldChecks checks, SecurityIdentity identity,
      Callers callers, Vertx vertx, StrataConfig config) {
    this.holds = holds;
    this.checks = checks;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
    this.publicUrl = config.publicUrl();
  }

  /** Places a hold: 201 with it and its Location, or 400 naming the field. */
  @POST
  @RolesAllowed(Scopes.ADMIN)
  @Audited("hold.create")
  public Uni<Response> create(HoldRequest body) {
    CallerTenant.forWriting(identity);
    var caller = callers.current();
    return vertx.executeBlocking(() -> checks.valid(body), false)
        .chain(valid -> holds.create(caller, valid))
        .map(hold -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/holds")
            .path(hold.id).build()).entity(HoldView.of(hold)).build());
  }

  /**
   * The tenant's holds, newest first, released ones included ({@code active} false): a JSON array
   * of at most {@code limit} (100; up to 1000), and a {@code Link rel="next"} header while more
   * follow; 400 naming the parameter for a bad {@code limit} or {@code cursor}.
   */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists legal holds: no events, nothing changed")
  public Uni<Response> list(@QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    PageRequest request = PageRequest.of(limit, cursor);
    return holds.page(CallerTenant.of(identity), request)
        .map(page -> page.response(HoldView::of, publicUrl, "/api/v1/holds", request));
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads one legal hold: no events, nothing changed")
  public Uni<HoldView> get(@PathParam("id") String id) {
    return holds.get(CallerTenant.of(identity), id).map(HoldView::of);
  }

  /** Releases a hold: 200 with it, now released; the indexes it kept expire from the next run. */
  @DELETE
  @Path("{id}")
  @RolesAllowed(Scopes.ADMIN)
  @Audited("hold.release")
  public Uni<HoldView> release(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return holds.release(callers.current(), id).map(HoldView::of);
  }
}
