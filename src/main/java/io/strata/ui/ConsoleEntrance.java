package io.strata.ui;

import io.strata.StrataConfig;
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

  private final String console;

  ConsoleEntrance(StrataConfig config) {
    this.console = config.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
  }

  void install(@Observes Router router) {
    router.get("/").order(Integer.MIN_VALUE + 200).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      rc.response().setStatusCode(302).putHeader("Location", console).end();
    } else {
      rc.next();
    }
  }
}
