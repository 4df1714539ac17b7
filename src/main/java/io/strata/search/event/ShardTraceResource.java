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
 * The events of a trace in this node's indexes, for another node ({@code POST
 * /internal/v1/trace}). Only nodes call it, with the cluster secret.
 */
@Path(ShardTraceResource.PATH)
@NodeToNode
@PermitAll
public class ShardTraceResource {

  static final String PATH = "/internal/v1/trace";

  private final TraceService traces;

  ShardTraceResource(TraceService traces) {
    this.traces = traces;
  }

  /** This node's oldest events carrying the id. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a trace; the node that was asked records it")
  public TracePart find(@HeaderParam(NodeClient.TENANT_HEADER) String tenant, Find request) {
    return traces.local(tenant, request);
  }

  /** Which trace or request id, with the query and range the asking node resolved. */
  public record Find(String id, String q, @JsonProperty("from_millis") long fromMillis,
      @JsonProperty("to_millis") long toMillis, @JsonProperty("now_millis") long nowMillis,
      int limit) {}
}
