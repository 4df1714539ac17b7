package io.strata.search;

import io.strata.audit.Audited;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.http.QueryParams;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Searches the caller's tenant: {@code GET /api/v1/search?q=&from=&to=&limit=&cursor=}, or {@code
 * POST} with the same fields as JSON. Needs the {@code search} scope.
 */
@Path("/api/v1/search")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

  private final SearchService search;

  private final Callers callers;

  SearchResource(SearchService search, Callers callers) {
    this.callers = callers;
    this.search = search;
  }

  /** One page of matching events, newest first. */
  @GET
  @Blocking
  @Audited("search")
  public SearchResponse get(@QueryParam("q") String q, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return search.search(callers.current(), new SearchRequest(q, from, to,
        QueryParams.integer("limit", limit), cursor));
  }

  /** The same search with the fields in a JSON body. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("search")
  public SearchResponse post(SearchRequest request) {
    return search.search(callers.current(),
        request == null ? new SearchRequest(null, null, null, null, null) : request);
  }
}
