package io.strata.alerting;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The caller's tenant's alerts, as the scheduler evaluates them: the current ones, their history,
 * and the ack. Read like rules ({@code search}, {@code admin}, {@code audit}); acknowledged by
 * engineers and admins who are not read-only.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

  private final AlertService alerts;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final InstantSource clock;

  AlertResource(AlertService alerts, SecurityIdentity identity, Callers callers,
      InstantSource clock) {
    this.alerts = alerts;
    this.identity = identity;
    this.callers = callers;
    this.clock = clock;
  }

  /** Pending, firing, acknowledged and failing alerts, most recently changed first. */
  @GET
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists the tenant's alert states: no events read, nothing changed")
  public Uni<List<AlertView>> list() {
    return alerts.current(CallerTenant.of(identity));
  }

  /** Every transition in {@code [from, to]} (default the last 24 h), newest first. */
  @GET
  @Path("history")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists the tenant's alert transitions: no events read, nothing changed")
  public Uni<List<AlertTransitionView>> history(@QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("rule") String rule,
      @QueryParam("limit") Integer limit) {
    String tenant = CallerTenant.of(identity);
    long now = clock.millis();
    Instant start = Instant.ofEpochMilli(QueryParams.time("from",
        from == null || from.isBlank() ? "now-24h" : from, now));
    Instant end = Instant.ofEpochMilli(QueryParams.time("to",
        to == null || to.isBlank() ? "now" : to, now));
    if (start.isAfter(end)) {
      throw ProblemException.badRequest("invalid-time-range", "'from' is after 'to'.")
          .with("parameter", "from");
    }
    int size = limit == null ? 1000 : limit;
    if (size < 1 || size > AlertService.MAX_HISTORY) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be from 1 to "
          + AlertService.MAX_HISTORY + ".").with("parameter", "limit");
    }
    return alerts.history(tenant, start, end, rule == null || rule.isBlank() ? null : rule,
        size);
  }

  /** Acknowledges a firing alert: 200 with it, 404, or 409 when it is not firing. */
  @POST
  @Path("{fingerprint}/ack")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert.ack")
  public Uni<AlertView> acknowledge(@PathParam("fingerprint") String fingerprint) {
    CallerTenant.forWriting(identity);
    return alerts.acknowledge(callers.current(), fingerprint);
  }
}
