package io.strata.ui;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends a browser that opens the server's root to the console; other clients at {@code /} (the
 * Elasticsearch clients' cluster probe) are answered by the ingest side.
 */
@ApplicationScoped
public class ConsoleEntrance {

  void install(@Observes Router router) {
    router.get("/").order(Integer.MIN_VALUE + 200).handler(ConsoleEntrance::handle);
  }

  private static void handle(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      rc.response().setStatusCode(302).putHeader("Location", "/ui/").end();
    } else {
      rc.next();
    }
  }
}
