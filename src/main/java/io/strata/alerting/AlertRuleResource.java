package io.strata.alerting;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
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
 * The caller's tenant's alert rules. Engineers ({@code search}) and admins write them; auditors
 * ({@code audit}, or a read-only user) read them. The preview evaluates a body over the caller's
 * events now without saving it, so it needs {@code search}, as reading events does. A bad body is a
 * 400 naming the {@code field}; its query is parsed under the same rules and limits as search.
 */
@Path("/api/v1/alerts/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

  private final AlertRuleService rules;
  private final AlertPreviewService previews;
  private final AlertRuleChecks checks;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final URI publicUrl;

  AlertRuleResource(AlertRuleService rules, AlertPreviewService previews, AlertRuleChecks checks,
      SecurityIdentity identity, Callers callers, Vertx vertx, StrataConfig config) {
    this.rules = rules;
    this.previews = previews;
    this.checks = checks;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
    this.publicUrl = config.publicUrl();
  }

  /** Stores a rule: 201 with it and its Location, 400 naming the field, or 409. */
  @POST
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_rule.create")
  public Uni<Response> create(AlertRuleRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    // The Location names the public URL, never the request's Host (which a client chooses).
    return checked(body)
        .chain(valid -> rules.create(caller, valid))
        .map(rule -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/alerts/rules")
                .path(rule.id).build())
            .entity(AlertRuleView.of(rule)).build());
  }

  /** The tenant's rules, by name. */
  @GET
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists alert rules: no events read, nothing changed")
  public Uni<List<AlertRuleView>> list() {
    return rules.list(CallerTenant.of(identity))
        .map(all -> all.stream().map(AlertRuleView::of).toList());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads one alert rule: no events read, nothing changed")
  public Uni<AlertRuleView> get(@PathParam("id") String id) {
    return rules.get(CallerTenant.of(identity), id).map(AlertRuleView::of);
  }

  /** Replaces everything but the id and the creation facts: 200, 400, 404 or 409. */
  @PUT
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_rule.update")
  public Uni<AlertRuleView> replace(@PathParam("id") String id, AlertRuleRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return checked(body)
        .chain(valid -> rules.replace(caller, id, valid))
        .map(AlertRuleView::of);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_rule.delete")
  public Uni<Response> delete(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return rules.delete(callers.current(), id).map(done -> Response.noContent().build());
  }

  /** What the body would do now, group by group, without saving it: 200 or 400. */
  @POST
  @Path("preview")
  @Blocking
  @RolesAllowed(Scopes.SEARCH)
  @Audited("alert_rule.preview")
  public AlertPreview preview(AlertRuleRequest body) {
    return previews.preview(callers.current(), body);
  }

  /**
   * The body checked against the rules, then its query parsed on a worker thread (the console's
   * checks, {@link AlertRuleChecks}): parsing is CPU work that must not hold up the event loop,
   * where this method and Hibernate Reactive run; {@code executeBlocking} brings the result back
   * to this request's context for the database work.
   */
  private Uni<AlertRuleRules.Valid> checked(AlertRuleRequest body) {
    AlertRuleRules.Valid valid = AlertRuleRules.check(body);
    if (valid.query().isBlank()) {
      return Uni.createFrom().item(valid);
    }
    return vertx.executeBlocking(() -> checks.parsed(valid), false);
  }
}
