package io.strata.search.histogram;

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
 * A node's part of a histogram asked by another node ({@code POST /internal/v1/histogram}): the
 * counts of the indexes it holds. Only nodes call it, with the cluster secret.
 */
@Path(ShardHistogramResource.PATH)
@NodeToNode
@PermitAll
public class ShardHistogramResource {

  static final String PATH = "/internal/v1/histogram";

  private final HistogramService histograms;

  ShardHistogramResource(HistogramService histograms) {
    this.histograms = histograms;
  }

  /** This node's counts for the tenant. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a histogram; the node that was asked records it")
  public HistogramResponse counts(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      HistogramShardRequest request) {
    return histograms.local(tenant, request);
  }
}
