package io.strata.retention;

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
 * A node's part of an erasure, asked by the node that runs erasures ({@code
 * /internal/v1/erasures/...}): its reach, the holds that block it, and the erasure of this node's
 * indexes. Only nodes call it, with the cluster secret; the erasure itself was requested, checked
 * and recorded in the audit trail by the calling node.
 */
@Path(ShardErasureResource.PATH)
@NodeToNode
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ShardErasureResource {

  static final String PATH = "/internal/v1/erasures";
  static final String COUNT = PATH + "/count";
  static final String HOLDS = PATH + "/holds";
  static final String ERASE = PATH + "/erase";

  private final ErasureShard shard;

  ShardErasureResource(ErasureShard shard) {
    this.shard = shard;
  }

  /** How many of the range's events on this node the query matches, of how many. */
  @POST
  @Path("count")
  @Blocking
  @AuditExempt("another node's part of checking an erasure request; counts only")
  public ErasureScope.Counts count(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      ErasureShard.Scope erasure) {
    return shard.count(tenant, erasure);
  }

  /** The tenant's legal holds that cover events the erasure would delete on this node. */
  @POST
  @Path("holds")
  @Blocking
  @AuditExempt("another node's part of an erasure's hold check; the runner records the outcome")
  public ErasureShard.Blocking holds(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      ErasureShard.Scope erasure) {
    return shard.blockingHolds(tenant, erasure);
  }

  /** Erases the erasure's events from this node's indexes; says what is left here. */
  @POST
  @Path("erase")
  @Blocking
  @AuditExempt("another node's part of an erasure the runner recorded as started and completes")
  public ErasureShard.Remains erase(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      ErasureShard.Scope erasure) {
    return shard.erase(tenant, erasure);
  }
}
