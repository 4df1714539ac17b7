package io.strata.search.event;

import io.strata.audit.Audited;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.http.QueryParams;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Single events of the caller's tenant and what surrounds them. Needs the {@code search} scope.
 *
 * <ul>
 *   <li>{@code GET /api/v1/events/{id}}: the event with this {@code _id}
 *   <li>{@code GET /api/v1/events/{id}/context?before=50&after=50&q=}: the events of the same
 *       service and host just before and after it
 *   <li>{@code GET /api/v1/trace/{id}?q=&from=&to=&limit=}: every event of a trace or request
 * </ul>
 */
@Path("/api/v1")
@RolesAllowed(Scopes.SEARCH)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

  private final EventLookup lookup;
  private final ContextService context;
  private final TraceService traces;

  private final Callers callers;

  EventResource(EventLookup lookup, ContextService context, TraceService traces, Callers callers) {
    this.callers = callers;
    this.lookup = lookup;
    this.context = context;
    this.traces = traces;
  }

  /** One event by its id; 404 when the tenant has none such. */
  @GET
  @Path("events/{id}")
  @Blocking
  @Audited("event")
  public Map<String, Object> event(@PathParam("id") String id) {
    return lookup.find(callers.current(), id);
  }

  /** The event with up to {@code before} older and {@code after} newer lines of its source. */
  @GET
  @Path("events/{id}/context")
  @Blocking
  @Audited("context")
  public ContextResponse context(@PathParam("id") String id, @QueryParam("before") String before,
      @QueryParam("after") String after, @QueryParam("q") String q) {
    return context.context(callers.current(), id, QueryParams.integer("before", before),
        QueryParams.integer("after", after), q);
  }

  /** The events carrying {@code id} as trace_id or request_id, oldest first (default last 7 days). */
  @GET
  @Path("trace/{id}")
  @Blocking
  @Audited("trace")
  public TraceResponse trace(@PathParam("id") String id, @QueryParam("q") String q,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("limit") String limit) {
    return traces.trace(callers.current(), id, q, from, to,
        QueryParams.integer("limit", limit));
  }
}
