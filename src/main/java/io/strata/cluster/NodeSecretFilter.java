package io.strata.cluster;

import io.strata.infra.http.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request reach a {@link NodeToNode} endpoint only with the cluster secret, and only once
 * this node's indexes answer reads ({@link IndexesReady}).
 */
@Provider
@NodeToNode
public class NodeSecretFilter implements ContainerRequestFilter {

  private final ClusterNodes nodes;
  private final IndexesReady indexes;

  NodeSecretFilter(ClusterNodes nodes, IndexesReady indexes) {
    this.nodes = nodes;
    this.indexes = indexes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String presented = request.getHeaderString(NodeClient.SECRET_HEADER);
    String secret = nodes.secret();
    if (presented == null || secret == null || !MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(401, "node-secret-required", "Unauthorized",
          "Internal endpoints answer only other Strata nodes, with the cluster secret.");
    }
    String tenant = request.getHeaderString(NodeClient.TENANT_HEADER);
    if (tenant == null || tenant.isBlank()) {
      throw ProblemException.badRequest("tenant-required",
          "A node reads for a tenant: " + NodeClient.TENANT_HEADER + " is missing.")
          .with("header", NodeClient.TENANT_HEADER);
    }
    // HTTP/1.1: a request with neither a length nor chunks has no body.
    boolean noBody = request.getLength() <= 0
        && request.getHeaderString("Transfer-Encoding") == null;
    if ("POST".equals(request.getMethod()) && noBody) {
      // Every internal call is a POST of what to read; without it a resource would fail on null.
      throw ProblemException.badRequest("body-required",
          "A node's request carries what it asks for as a JSON body; this one has none.");
    }
    if (!indexes.isOpen()) {
      throw new ProblemException(503, "node-starting", "Service Unavailable",
          "This node is starting: it drops the events other nodes took over before its indexes"
          + " answer.");
    }
  }
}
