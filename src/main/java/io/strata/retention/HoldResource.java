package io.strata.retention;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.search.TimeExpressions;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The caller's tenant's legal holds ({@code admin} places and releases them; auditors read them).
 * A hold keeps every index holding events that match its {@code query} in {@code [from, to]} past
 * any retention, and blocks erasure of those events.
 */
@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoldResource {

  private static final int MAX_TEXT = 255;
  private static final int MAX_REASON = 4000;

  private final LegalHoldService holds;
  private final EventFilters filters;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final URI publicUrl;

  HoldResource(LegalHoldService holds, EventFilters filters, SecurityIdentity identity,
      Callers callers, Vertx vertx, StrataConfig config) {
    this.holds = holds;
    this.filters = filters;
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
    return vertx.executeBlocking(() -> valid(body), false)
        .chain(valid -> holds.create(caller, valid))
        .map(hold -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/holds")
            .path(hold.id).build()).entity(HoldView.of(hold)).build());
  }

  /** The tenant's holds, newest first, released ones included ({@code active} false). */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists legal holds: no events, nothing changed")
  public Uni<List<HoldView>> list() {
    return holds.list(CallerTenant.of(identity))
        .map(all -> all.stream().map(HoldView::of).toList());
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

  private LegalHoldService.ValidHold valid(HoldRequest body) {
    if (body == null) {
      throw invalid("Send {\"name\", \"case\", \"query\", \"from\", \"to\", \"reason\"}.", null);
    }
    String name = text(body.name(), "name", MAX_TEXT, true);
    String caseRef = text(body.caseRef(), "case", MAX_TEXT, false);
    String reason = text(body.reason(), "reason", MAX_REASON, false);
    String query = body.query() == null ? "" : body.query().strip();
    try {
      filters.query(query);
    } catch (QueryException e) {
      throw e.inField("query");
    }
    long now = System.currentTimeMillis();
    Instant from = time(body.from(), "from", now);
    Instant to = time(body.to(), "to", now);
    if (from != null && to != null && from.isAfter(to)) {
      throw invalid("'from' is after 'to'.", "from");
    }
    return new LegalHoldService.ValidHold(name, caseRef, query, from, to, reason);
  }

  private static String text(String value, String field, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw invalid("A hold needs a '" + field + "'.", field);
      }
      return null;
    }
    if (value.length() > max) {
      throw invalid("'" + field + "' is longer than " + max + " characters.", field);
    }
    return value.strip();
  }

  private static Instant time(String value, String field, long now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), field);
    }
  }

  private static ProblemException invalid(String detail, String field) {
    ProblemException problem = ProblemException.badRequest("invalid-hold", detail);
    return field == null ? problem : problem.with("field", field);
  }
}
