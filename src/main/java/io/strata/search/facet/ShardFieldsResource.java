package io.strata.search.facet;

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
 * The fields of this node's indexes for another node ({@code POST /internal/v1/fields}). Only
 * nodes call it, with the cluster secret.
 */
@Path(ShardFieldsResource.PATH)
@NodeToNode
@PermitAll
public class ShardFieldsResource {

  static final String PATH = "/internal/v1/fields";

  private final FieldCatalog catalog;

  ShardFieldsResource(FieldCatalog catalog) {
    this.catalog = catalog;
  }

  /** This node's fields of the tenant in the range's days. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of a field list; the node that was asked records it")
  public FieldCatalog.Fields fields(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      Range request) {
    return catalog.local(tenant, request.fromMillis(), request.toMillis());
  }

  /** The days to look at, from the asking node's resolved range. */
  public record Range(@JsonProperty("from_millis") long fromMillis,
      @JsonProperty("to_millis") long toMillis) {}
}
