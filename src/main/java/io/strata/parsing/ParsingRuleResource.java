package io.strata.parsing;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
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
import java.util.Map;

/**
 * The caller's tenant's parsing rules: a grok-like {@code pattern} run at indexing time on the
 * events its {@code selector} picks (highest {@code priority} first, one rule per event), setting
 * {@code @timestamp} (read with {@code time_format}), {@code level}, {@code message} and fields.
 * Admins ({@code admin}) write them, auditors ({@code audit}) read them. A bad body is a 400 naming
 * the {@code field}. A change applies to events indexed from then on.
 */
@Path("/api/v1/parsing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ParsingRuleResource {

  private final ParsingRuleService rules;
  private final ParsingPreviewService previews;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final URI publicUrl;

  ParsingRuleResource(ParsingRuleService rules, ParsingPreviewService previews,
      SecurityIdentity identity, Callers callers, Vertx vertx,
      StrataConfig config) {
    this.rules = rules;
    this.previews = previews;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
    this.publicUrl = config.publicUrl();
  }

  /** Stores a rule: 201 with it and its Location, 400 naming the field, or 409. */
  @POST
  @RolesAllowed(Scopes.ADMIN)
  @Audited("parsing_rule.create")
  public Uni<Response> create(ParsingRuleRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    // The Location names the public URL, never the request's Host (which a client chooses).
    return checked(body)
        .chain(valid -> rules.create(caller, valid))
        .call(rule -> rules.publish(rule.tenant))
        .map(rule -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/parsing-rules")
                .path(rule.id).build())
            .entity(ParsingRuleView.of(rule)).build());
  }

  /** The tenant's rules, in the order they are tried (highest priority first). */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists parsing rules: no events read, nothing changed")
  public Uni<List<ParsingRuleView>> list() {
    return rules.list(CallerTenant.of(identity))
        .map(all -> all.stream().sorted(RuleCompiler.ORDER).map(ParsingRuleView::of).toList());
  }

  /** The library of named patterns a rule can use as {@code %{NAME}}, with their definitions. */
  @GET
  @Path("patterns")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT, Scopes.SEARCH})
  @AuditExempt("lists the built-in pattern library: no tenant data")
  public Map<String, String> patterns() {
    return GrokLibrary.all();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads one parsing rule: no events read, nothing changed")
  public Uni<ParsingRuleView> get(@PathParam("id") String id) {
    return rules.get(CallerTenant.of(identity), id).map(ParsingRuleView::of);
  }

  /** Replaces everything but the id and the creation facts: 200, 400, 404 or 409. */
  @PUT
  @Path("{id}")
  @RolesAllowed(Scopes.ADMIN)
  @Audited("parsing_rule.update")
  public Uni<ParsingRuleView> replace(@PathParam("id") String id, ParsingRuleRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return checked(body)
        .chain(valid -> rules.replace(caller, id, valid))
        .call(rule -> rules.publish(rule.tenant))
        .map(ParsingRuleView::of);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Scopes.ADMIN)
  @Audited("parsing_rule.delete")
  public Uni<Response> delete(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return rules.delete(caller, id)
        .call(done -> rules.publish(caller.tenantForWriting()))
        .map(done -> Response.noContent().build());
  }

  /**
   * What the body's rule would extract, without saving it: from {@code lines} sent, or else from
   * the tenant's {@code last} (20) latest events its selector picks, which needs the {@code
   * search} scope as reading events does. 200 or 400.
   */
  @POST
  @Path("preview")
  @Blocking
  @RolesAllowed(Scopes.ADMIN)
  @Audited("parsing_rule.preview")
  public RulePreview preview(ParsingRuleRequest body) {
    if (body != null && body.lines() == null && !identity.hasRole(Scopes.SEARCH)) {
      throw ProblemException.forbidden("Previewing over stored events reads them, which needs the"
          + " 'search' scope; send 'lines' instead.");
    }
    return previews.preview(callers.current(), body);
  }

  /**
   * The body checked, then its pattern and selector compiled on a worker thread: CPU work that
   * must not hold up the event loop, where this method and Hibernate Reactive run.
   */
  private Uni<ParsingRuleChecks.Valid> checked(ParsingRuleRequest body) {
    return vertx.executeBlocking(() -> rules.check(body), false);
  }
}
