package io.strata.search.facet;

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
 * A node's part of a facet count asked by another node ({@code POST /internal/v1/facets}): the
 * top values in the indexes it holds. Only nodes call it, with the cluster secret.
 */
@Path(ShardFacetResource.PATH)
@NodeToNode
@PermitAll
public class ShardFacetResource {

  static final String PATH = "/internal/v1/facets";

  private final FacetService facets;

  ShardFacetResource(FacetService facets) {
    this.facets = facets;
  }

  /** This node's top values for the tenant. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a facet count; the node that was asked records it")
  public FacetResponse counts(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      FacetShardRequest request) {
    return facets.local(tenant, request);
  }
}
