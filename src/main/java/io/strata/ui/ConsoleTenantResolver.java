package io.strata.ui;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the console's paths to the OIDC {@code console} tenant (authorization code flow: sign-in page,
 * session cookie) and leaves everything else to the default tenant (bearer tokens for the APIs).
 */
@ApplicationScoped
public class ConsoleTenantResolver implements TenantResolver {

  /** The OIDC tenant of the web console. */
  public static final String CONSOLE = "console";

  @Override
  public String resolve(RoutingContext context) {
    String path = context.normalizedPath();
    return path.equals("/ui") || path.startsWith("/ui/") || path.equals("/logout") ? CONSOLE : null;
  }
}
