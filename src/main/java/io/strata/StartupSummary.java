package io.strata;

import io.strata.security.OperatorKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The last line of the start-up log: where the console is, who can sign in, and where the operator
 * key is. Passwords are named only when they are the README's default: the log is shipped and read
 * by many, and a password of one's own is the owner's business.
 */
@ApplicationScoped
public class StartupSummary {

  private final StrataConfig config;
  private final OperatorKey operatorKey;
  private final boolean signIn;

  StartupSummary(StrataConfig config, OperatorKey operatorKey,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean signIn) {
    this.config = config;
    this.operatorKey = operatorKey;
    this.signIn = signIn;
  }

  /** The line for this node. */
  public String line() {
    return line(config.publicUrl().toString(), signIn, config.demoUsers().orElse(List.of()),
        config.demoPassword(), operatorKey.file());
  }

  /**
   * The line: {@code publicUrl} (no trailing slash needed), whether the console signs users in,
   * the embedded Keycloak's demo users (none with a Keycloak of one's own), their password, and the
   * operator key's file (empty: it came from {@code STRATA_OPERATOR_KEY}).
   */
  static String line(String publicUrl, boolean signIn, List<String> demoUsers, String demoPassword,
      Optional<Path> operatorKeyFile) {
    StringBuilder line = new StringBuilder("Strata is ready: console ")
        .append(publicUrl.replaceAll("/+$", "")).append("/ui/");
    if (!signIn) {
      line.append(" (off: QUARKUS_OIDC_TENANT_ENABLED=false, API keys only)");
    } else if (demoUsers.isEmpty()) {
      line.append(", signed in with your identity provider's users");
    } else {
      line.append(", demo users ").append(String.join(", ", demoUsers)).append(" (password ")
          .append(StrataConfig.DEFAULT_DEMO_PASSWORD.equals(demoPassword)
              ? StrataConfig.DEFAULT_DEMO_PASSWORD : "from STRATA_DEMO_PASSWORD")
          .append(")");
    }
    line.append("; operator key ").append(operatorKeyFile
        .map(file -> "in " + file).orElse("from STRATA_OPERATOR_KEY"));
    return line.toString();
  }
}
