package io.strata.operator;

import io.strata.cluster.ClusterNode;
import io.strata.cluster.ClusterNodes;
import io.strata.cluster.Role;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditExempt;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The nodes of the cluster as this node sees them ({@code GET /api/v1/admin/nodes}, operator only):
 * id, address, roles, and whether each is alive.
 */
@Path("/api/v1/admin/nodes")
@RolesAllowed(Scopes.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

  private final ClusterNodes nodes;

  NodesResource(ClusterNodes nodes) {
    this.nodes = nodes;
  }

  /** Every node the registry knows, this one first. */
  @GET
  @Blocking
  @AuditExempt("reads no tenant data and changes nothing")
  public List<NodeView> list() {
    return nodes.all().stream().map(NodeView::of).toList();
  }

  /** A node as the API shows it. */
  public record NodeView(String id, String url, List<String> roles, boolean live,
      @JsonProperty("silent_seconds") long silentSeconds) {

    static NodeView of(ClusterNode node) {
      return new NodeView(node.id(), node.url(),
          node.roles().stream().map(Role::configName).toList(), node.live(),
          node.silentSeconds());
    }
  }
}
