package io.strata.ingest.elastic;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Routing the Elasticsearch clients rely on, at the HTTP layer so it covers every answer (errors
 * and authentication failures included):
 *
 * <ul>
 *   <li>every response on an Elasticsearch path carries {@code X-Elastic-Product: Elasticsearch},
 *       without which the official clients refuse the server;
 *   <li>{@code GET /} and {@code HEAD /} are the cluster information, except for a browser (a
 *       request that accepts {@code text/html}), which is left to the web console.
 * </ul>
 */
@ApplicationScoped
public class ElasticRoutes {

  /** Where the cluster information is served; {@code /} is rerouted here. */
  static final String ROOT = "/_strata_es_root";

  static final String PRODUCT_HEADER = "X-Elastic-Product";

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 100).handler(ElasticRoutes::handle);
  }

  private static void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (path.equals("/")) {
      HttpMethod method = rc.request().method();
      if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && !isBrowser(rc)) {
        rc.response().putHeader(PRODUCT_HEADER, "Elasticsearch");
        rc.reroute(method, ROOT);
        return;
      }
    } else if (isElasticPath(path)) {
      rc.response().putHeader(PRODUCT_HEADER, "Elasticsearch");
    }
    rc.next();
  }

  /** The Elasticsearch API lives under {@code /_...} and {@code /{index}/_bulk}. */
  static boolean isElasticPath(String path) {
    return path.startsWith("/_") || path.endsWith("/_bulk");
  }

  private static boolean isBrowser(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }
}
