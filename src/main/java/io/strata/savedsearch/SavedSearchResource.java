package io.strata.savedsearch;

import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.Callers;
import io.strata.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.security.CallerTenant;
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
import java.security.Principal;
import java.util.List;

/**
 * The caller's tenant's saved searches (name, {@code q}, {@code from}, {@code to}, {@code columns}).
 * Reading and writing both need the {@code search} scope: engineers save their own searches. A
 * {@code q} is parsed when saved, under the same rules and limits as search; a bad one is a 400
 * naming the {@code field}.
 */
@Path("/api/v1/saved-searches")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SavedSearchResource {

  private final SavedSearchService searches;
  private final EventFilters filters;
  private final SecurityIdentity identity;
  private final Vertx vertx;

  private final URI publicUrl;
  private final Callers callers;

  SavedSearchResource(SavedSearchService searches, EventFilters filters, SecurityIdentity identity,
      Vertx vertx, StrataConfig config, Callers callers) {
    this.callers = callers;
    this.searches = searches;
    this.filters = filters;
    this.identity = identity;
    this.vertx = vertx;
    this.publicUrl = config.publicUrl();
  }

  /** Saves a search: 201 with a Location, 400, or 409 (name taken, or the tenant's limit). */
  @POST
  @Audited("saved_search.create")
  public Uni<Response> create(SavedSearchRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    String createdBy = principalName();
    // The Location names the public URL, never the request's Host (which a client chooses).
    return checked(body)
        .chain(valid -> searches.create(caller, createdBy, valid))
        .map(s -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/saved-searches")
                .path(s.id).build())
            .entity(SavedSearchView.of(s)).build());
  }

  /** The tenant's saved searches, by name. */
  @GET
  @AuditExempt("lists saved queries: no events, nothing changed")
  public Uni<List<SavedSearchView>> list() {
    return searches.list(CallerTenant.of(identity))
        .map(all -> all.stream().map(SavedSearchView::of).toList());
  }

  @GET
  @Path("{id}")
  @AuditExempt("reads one saved query: no events, nothing changed")
  public Uni<SavedSearchView> get(@PathParam("id") String id) {
    return searches.get(CallerTenant.of(identity), id).map(SavedSearchView::of);
  }

  /** Replaces everything but the id and the creation facts: 200, 400, 404 or 409. */
  @PUT
  @Path("{id}")
  @Audited("saved_search.update")
  public Uni<SavedSearchView> replace(@PathParam("id") String id, SavedSearchRequest body) {
    CallerTenant.forWriting(identity);
    Caller caller = callers.current();
    return checked(body)
        .chain(valid -> searches.replace(caller, id, valid))
        .map(SavedSearchView::of);
  }

  @DELETE
  @Path("{id}")
  @Audited("saved_search.delete")
  public Uni<Response> delete(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return searches.delete(callers.current(), id).map(done -> Response.noContent().build());
  }

  /**
   * The body checked against the rules, then its {@code q} parsed on a worker thread: parsing is CPU
   * work that must not hold up the event loop, where this method and Hibernate Reactive run; {@code
   * executeBlocking} brings the result back to this request's context for the database work.
   */
  private Uni<SavedSearchRules.Valid> checked(SavedSearchRequest body) {
    SavedSearchRules.Valid valid = SavedSearchRules.check(body, System.currentTimeMillis());
    if (valid.q().isBlank()) {
      return Uni.createFrom().item(valid);
    }
    return vertx.executeBlocking(() -> {
      try {
        filters.query(valid.q());
      } catch (QueryException e) {
        throw e.inField("q");
      }
      return valid;
    }, false);
  }

  private String principalName() {
    Principal principal = identity.getPrincipal();
    return principal == null ? null : principal.getName();
  }
}
