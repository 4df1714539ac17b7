package io.strata.tail;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.strata.audit.AuditExempt;
import io.strata.cluster.NodeClient;
import io.strata.cluster.NodeToNode;
import io.strata.search.EventFilters;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * This node's part of a live tail opened on another node ({@code POST /internal/v1/tail}): the
 * events indexed here that match the tail's query, as the public tail streams them, for as long as
 * that node keeps the stream open. Only nodes call it, with the cluster secret.
 */
@Path(TailRelays.PATH)
@NodeToNode
@PermitAll
public class ShardTailResource {

  private final TailHub hub;
  private final EventFilters filters;

  ShardTailResource(TailHub hub, EventFilters filters) {
    this.hub = hub;
    this.filters = filters;
  }

  /** The matches indexed here from now on. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @AuditExempt("another node's part of a live tail, whose start and end that node records")
  public Multi<OutboundSseEvent> follow(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      TailRelays.Follow follow, @Context Sse sse) {
    String q = follow == null ? "" : follow.q();
    return hub.openRelay(tenant, filters.query(q)).events()
        .map(message -> TailResource.toSse(message, sse));
  }
}
