package io.strata.ui;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the console's paths to the OIDC {@code console} tenant (authorization code flow: sign-in page,
 * session cookie) and everything else to the default tenant (bearer tokens only, for the APIs).
 */
@ApplicationScoped
public class ConsoleTenantResolver implements TenantResolver {

  /** The OIDC tenant of the web console. */
  public static final String CONSOLE = "console";

  /**
   * Quarkus' id of the default tenant. Named explicitly: a {@code null} answer would let Quarkus
   * pick the tenant whose session cookie the request carries, and so accept the console's cookie as
   * a credential of the REST API (a cross-site request forgery of every API call).
   */
  static final String DEFAULT = "Default";

  @Override
  public String resolve(RoutingContext context) {
    return ConsoleGuard.isConsole(context.normalizedPath()) ? CONSOLE : DEFAULT;
  }
}
