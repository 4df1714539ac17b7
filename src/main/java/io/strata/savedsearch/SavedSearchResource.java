package io.strata.savedsearch;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.infra.http.ProblemException;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
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
 * Reading and writing both need the {@code search} scope: engineers save their own searches.
 */
@Path("/api/v1/saved-searches")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SavedSearchResource {

  private final SavedSearchService searches;
  private final SecurityIdentity identity;

  private final URI publicUrl;

  SavedSearchResource(SavedSearchService searches, SecurityIdentity identity, StrataConfig config) {
    this.searches = searches;
    this.identity = identity;
    this.publicUrl = config.publicUrl();
  }

  /** Saves a search: 201 with a Location, 400, or 409 (name taken, or the tenant's limit). */
  @POST
  public Uni<Response> create(SavedSearchRequest body) {
    // The Location names the public URL, never the request's Host (which a client chooses).
    return searches.create(CallerTenant.forWriting(identity), principalName(), body)
        .map(s -> Response.created(UriBuilder.fromUri(publicUrl).path("/api/v1/saved-searches")
                .path(s.id).build())
            .entity(SavedSearchView.of(s)).build());
  }

  /** The tenant's saved searches, by name. */
  @GET
  public Uni<List<SavedSearchView>> list() {
    return searches.list(CallerTenant.of(identity))
        .map(all -> all.stream().map(SavedSearchView::of).toList());
  }

  @GET
  @Path("{id}")
  public Uni<SavedSearchView> get(@PathParam("id") String id) {
    return searches.get(CallerTenant.of(identity), id).map(SavedSearchView::of);
  }

  /** Replaces everything but the id and the creation facts: 200, 400, 404 or 409. */
  @PUT
  @Path("{id}")
  public Uni<SavedSearchView> replace(@PathParam("id") String id, SavedSearchRequest body) {
    return searches.replace(CallerTenant.forWriting(identity), id, body).map(SavedSearchView::of);
  }

  @DELETE
  @Path("{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    return searches.delete(CallerTenant.forWriting(identity), id).map(done -> {
      if (!done) {
        throw ProblemException.notFound("No saved search '" + id + "' in this tenant.");
      }
      return Response.noContent().build();
    });
  }

  private String principalName() {
    Principal principal = identity.getPrincipal();
    return principal == null ? null : principal.getName();
  }
}
