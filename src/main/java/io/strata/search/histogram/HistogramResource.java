package io.strata.search.histogram;

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
 * Counts of the caller's matching events over time: {@code GET
 * /api/v1/histogram?q=&from=&to=&interval=&split=&split_size=}. Without {@code interval}, one is
 * chosen for 60 to 120 buckets. Needs the {@code search} scope.
 */
@Path("/api/v1/histogram")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
public class HistogramResource {

  private final HistogramService histograms;

  private final Callers callers;

  HistogramResource(HistogramService histograms, Callers callers) {
    this.callers = callers;
    this.histograms = histograms;
  }

  /** The histogram, oldest bucket first. */
  @GET
  @Blocking
  @Audited("histogram")
  public HistogramResponse get(@QueryParam("q") String q, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("interval") String interval,
      @QueryParam("split") String split, @QueryParam("split_size") String splitSize) {
    return histograms.histogram(callers.current(), q, from, to, interval, split,
        QueryParams.integer("split_size", splitSize));
  }
}
