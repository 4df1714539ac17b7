package io.strata.search.facet;

import io.strata.audit.Audited;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.http.QueryParams;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Field discovery and top values over the caller's events. Needs the {@code search} scope.
 *
 * <ul>
 *   <li>{@code GET /api/v1/facets?q=&from=&to=&fields=service,level,host&size=10}
 *   <li>{@code GET /api/v1/fields?from=&to=}
 * </ul>
 */
@Path("/api/v1")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
public class FacetResource {

  private final FacetService facets;
  private final FieldCatalog catalog;

  private final Callers callers;

  FacetResource(FacetService facets, FieldCatalog catalog, Callers callers) {
    this.callers = callers;
    this.facets = facets;
    this.catalog = catalog;
  }

  /** The top values of each field in {@code fields} (default service, level, host). */
  @GET
  @Path("facets")
  @Blocking
  @Audited("facets")
  public FacetResponse facets(@QueryParam("q") String q, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("fields") String fields,
      @QueryParam("size") String size) {
    return facets.facets(callers.current(), q, from, to, fields,
        QueryParams.integer("size", size));
  }

  /** The fields seen in the day indexes overlapping the range, with types and distinct counts. */
  @GET
  @Path("fields")
  @Blocking
  @Audited("fields")
  public FieldCatalog.Fields fields(@QueryParam("from") String from, @QueryParam("to") String to) {
    return catalog.fields(callers.current(), from, to);
  }
}
