package io.strata.operator;

import io.strata.cluster.ClusterNode;
import io.strata.cluster.ClusterNodes;
import io.strata.cluster.Role;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Callers;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
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
 * id, address, roles, and whether each is alive; {@code DELETE /api/v1/admin/nodes/{id}} forgets
 * one that is gone for good.
 */
@Path("/api/v1/admin/nodes")
@RolesAllowed(Scopes.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

  private final ClusterNodes nodes;
  private final AuditTrail audit;
  private final Callers callers;

  NodesResource(ClusterNodes nodes, AuditTrail audit, Callers callers) {
    this.nodes = nodes;
    this.audit = audit;
    this.callers = callers;
  }

  /**
   * Forgets a node that is gone for good (scaled down, its disk lost), so that reads stop answering
   * {@code partial} for it: 204; 404 for a node the registry does not know; 409 for a node that is
   * alive or stopped less than the node timeout ago (stop it first).
   */
  @DELETE
  @Path("{id}")
  @Blocking
  @Audited("node.forget")
  public Response forget(@PathParam("id") String id) {
    return audit.auditedNow(AuditEntry.success(callers.current(), "node.forget", id), () ->
        switch (nodes.forget(id)) {
          case FORGOTTEN -> Response.noContent().build();
          case UNKNOWN -> throw ProblemException.notFound("No node '" + id + "' in the cluster.")
              .with("id", id);
          case LIVE -> throw new ProblemException(409, "node-alive", "Conflict", "Node '" + id
              + "' is alive (or stopped only just now): a node is forgotten once it is gone for"
              + " good; stop it first.").with("id", id);
        });
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
