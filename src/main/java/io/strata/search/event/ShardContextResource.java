package io.strata.search.event;

import com.fasterxml.jackson.annotation.JsonProperty;
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

/**
 * The events around an event in this node's indexes, for another node ({@code POST
 * /internal/v1/context}). Only nodes call it, with the cluster secret.
 */
@Path(ShardContextResource.PATH)
@NodeToNode
@PermitAll
public class ShardContextResource {

  static final String PATH = "/internal/v1/context";

  private final ContextService contexts;

  ShardContextResource(ContextService contexts) {
    this.contexts = contexts;
  }

  /** This node's events just before and after the event, from its source. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a context read; the node that was asked records it")
  public ContextPart around(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      Around request) {
    return contexts.local(tenant, request);
  }

  /**
   * Around which event ({@code id}), from which source ({@code service}, {@code host}: {@code null}
   * for none), narrowed by {@code q}, and how many on each side.
   */
  public record Around(String id, String service, String host, String q,
      @JsonProperty("now_millis") long nowMillis, int before, int after) {}
}
