package io.strata.search.event;

import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditExempt;
import io.strata.cluster.NodeClient;
import io.strata.cluster.NodeToNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Looks an event up in this node's indexes for another node ({@code POST
 * /internal/v1/events/find}); answers {@code {"event": null}} when this node does not hold it. Only
 * nodes call it, with the cluster secret.
 */
@Path(ShardEventResource.PATH)
@NodeToNode
@PermitAll
public class ShardEventResource {

  static final String PATH = "/internal/v1/events/find";

  private final EventLookup lookup;

  ShardEventResource(EventLookup lookup) {
    this.lookup = lookup;
  }

  /** The event as this node holds it, if it does. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of an event lookup; the node that was asked records it")
  public Found find(@HeaderParam(NodeClient.TENANT_HEADER) String tenant, Find request) {
    return new Found(lookup.findHere(tenant, request.id()));
  }

  /** Which event. */
  public record Find(String id) {}

  /** The event, or {@code null}. */
  public record Found(Map<String, Object> event) {}
}
