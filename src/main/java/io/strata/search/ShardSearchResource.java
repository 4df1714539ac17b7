package io.strata.search;

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
 * A node's part of a search asked by another node ({@code POST /internal/v1/search/page}): the page
 * of the indexes it holds. Only nodes call it, with the cluster secret; the asking node checked the
 * caller and records the read in the audit trail.
 */
@Path(ShardSearchResource.PAGE)
@NodeToNode
@PermitAll
public class ShardSearchResource {

  static final String PAGE = "/internal/v1/search/page";

  private final SearchService search;
  private final EventFilters filters;

  ShardSearchResource(SearchService search, EventFilters filters) {
    this.search = search;
    this.filters = filters;
  }

  /** This node's newest events of the tenant for the request. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a search; the node that was asked records it")
  public ShardPage page(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      ShardPageRequest request) {
    EventFilter filter = filters.at(request.q(), request.fromMillis(), request.toMillis(),
        request.nowMillis());
    return ShardPage.of(search.localPage(tenant, filter, request.limit(), request.after(),
        request.countAll()));
  }
}
