package io.strata.cluster;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request only on a node whose roles serve it: ingest APIs need {@code ingest}, the other
 * APIs {@code search}, the console {@code console}; internal node-to-node calls and health are
 * served everywhere. Elsewhere the answer is 421 Misdirected Request, naming the role to send the
 * request to, so a wrong route in front of the cluster shows at once.
 */
@ApplicationScoped
public class RoleRoutes {

  private final NodeRoles roles;

  RoleRoutes(NodeRoles roles) {
    this.roles = roles;
  }

  void install(@Observes Router router) {
    if (roles.all().size() == Role.values().length) {
      return; // the usual single node: nothing to refuse, nothing to pay per request
    }
    // Before the Elasticsearch routing, which reroutes "/" to the cluster information.
    router.route().order(Integer.MIN_VALUE + 50).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    Role needed = roleFor(rc.normalizedPath(), accept != null && accept.contains("text/html"));
    if (needed == null || roles.has(needed)) {
      rc.next();
      return;
    }
    JsonObject problem = new JsonObject()
        .put("type", "https://strata.dev/problems/role-not-served")
        .put("title", "Misdirected request")
        .put("status", 421)
        .put("detail", "This node (roles: " + roles + ") does not serve " + rc.normalizedPath()
            + "; send it to a node with the " + needed.configName() + " role.")
        .put("instance", rc.normalizedPath())
        .put("role", needed.configName());
    rc.response().setStatusCode(421)
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.encode());
  }

  /** The role a request for {@code path} needs, or {@code null} when every node serves it. */
  static Role roleFor(String path, boolean browser) {
    if (path.startsWith("/internal/") || path.startsWith("/q/")) {
      return null;
    }
    if (is(path, "/api/v1/ingest") || is(path, "/v1/logs") || is(path, "/loki/api/v1/push")
        || path.startsWith("/_") || path.endsWith("/_bulk") || path.equals("/") && !browser) {
      return Role.INGEST;
    }
    if (path.startsWith("/api/")) {
      return Role.SEARCH;
    }
    return Role.CONSOLE;
  }

  private static boolean is(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
