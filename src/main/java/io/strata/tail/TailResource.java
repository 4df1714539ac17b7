package io.strata.tail;

import io.strata.audit.Audited;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.strata.search.EventFilters;
import io.strata.security.CallerCredential;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Live tail of the caller's tenant: {@code GET /api/v1/tail?q=} answers with Server-Sent Events,
 * one per event that matches {@code q}, within a second or two of its ingest. Needs the {@code
 * search} scope.
 *
 * <p>Each event is one {@code data:} line of JSON, the same object search answers with, and carries
 * its {@code _id} as the SSE {@code id:}. A client that reads slower than events arrive gets {@code
 * event: dropped} with {@code data: {"missed":N}} where events had to be left out. A comment opens
 * the stream and keeps an idle one alive. The stream ends, after {@code event: end} with {@code
 * data: {"reason":...}}, when the credential is revoked or expires ({@code credential-revoked},
 * {@code credential-expired}) or the tail reaches its longest life ({@code max-duration}).
 *
 * <p>The method runs on a worker thread, not on the event loop that a method returning a {@code
 * Multi} gets by default: parsing {@code q} is CPU work, and on the event loop it would hold up every
 * other request that loop serves (ingest of other tenants included). The stream itself is written
 * as usual once the method has returned it.
 */
@Path("/api/v1/tail")
@RolesAllowed(Scopes.SEARCH)
public class TailResource {

  private final TailHub hub;
  private final EventFilters filters;
  private final SecurityIdentity identity;
  private final Callers callers;

  TailResource(TailHub hub, EventFilters filters, SecurityIdentity identity, Callers callers) {
    this.callers = callers;
    this.hub = hub;
    this.filters = filters;
    this.identity = identity;
  }

  /**
   * The stream of matching events; 429 over the tenant's tail limit (checked before {@code q} is
   * parsed), 400 for a bad {@code q} or one over the query limits.
   */
  @GET
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Audited("tail.start")
  public Multi<OutboundSseEvent> tail(@QueryParam("q") String q, @Context Sse sse) {
    // Only the query: a tail follows what is indexed from now on, whatever the events' own times.
    return hub.open(callers.current(), q, () -> filters.query(q), CallerCredential.of(identity))
        .events()
        .map(message -> toSse(message, sse));
  }

  /** A tail message as a Server-Sent Event: comments, events with their id, or "dropped". */
  static OutboundSseEvent toSse(TailMessage message, Sse sse) {
    return switch (message) {
      case TailMessage.Opened opened -> sse.newEventBuilder().comment("tail open").build();
      case TailMessage.KeepAlive alive -> sse.newEventBuilder().comment("keep-alive").build();
      case TailMessage.Match match -> sse.newEventBuilder().id(match.id()).data(match.json()).build();
      case TailMessage.Dropped dropped ->
          sse.newEventBuilder().name("dropped").data(dropped.json()).build();
      case TailMessage.Ended ended -> sse.newEventBuilder().name("end").data(ended.json()).build();
    };
  }
}
