package io.strata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The services a node depends on (Kafka, PostgreSQL, Keycloak) when the configuration names none:
 * the embedded default ({@code io.strata.embedded}) starts real ones in this process's care. The
 * production and native builds ({@code -Dnative}) leave that package and its broker and database
 * libraries out; such a node must be given every service, and says which are missing at once
 * rather than retrying a broker on localhost forever.
 */
public interface BundledServices extends AutoCloseable {

  /** Configuration properties that point the application at the services started. */
  Map<String, String> properties();

  @Override
  void close();

  /** Starts the missing services; the embedded default provides one, found by {@link ServiceLoader}. */
  interface Launcher {
    /**
     * Starts what {@code lookup} (a configuration lookup by property name) leaves out, keeping data
     * under {@code dataDir} and saying how a long first step goes on {@code progress}.
     */
    BundledServices startMissing(Path dataDir, Function<String, String> lookup,
        Consumer<String> progress) throws IOException;
  }

  /**
   * Starts the services the configuration leaves out with the build's {@link Launcher}; without
   * one (a production build), fails naming the settings that are missing.
   */
  static BundledServices startMissing(Path dataDir, Function<String, String> lookup,
      Consumer<String> progress) throws IOException {
    var launcher = ServiceLoader.load(Launcher.class, BundledServices.class.getClassLoader())
        .findFirst();
    if (launcher.isPresent()) {
      return launcher.get().startMissing(dataDir, lookup, progress);
    }
    List<String> missing = missingSettings(lookup);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("this build has no embedded services; set "
          + String.join(", ", missing));
    }
    return new BundledServices() {
      @Override
      public Map<String, String> properties() {
        return Map.of();
      }

      @Override
      public void close() {}
    };
  }

  /** The environment variables a node without embedded services still needs. */
  static List<String> missingSettings(Function<String, String> lookup) {
    List<String> missing = new ArrayList<>();
    if (isBlank(lookup.apply("kafka.bootstrap.servers"))) {
      missing.add("KAFKA_BOOTSTRAP_SERVERS");
    }
    if (isBlank(lookup.apply("quarkus.datasource.reactive.url"))) {
      missing.add("QUARKUS_DATASOURCE_REACTIVE_URL");
    }
    if (isBlank(lookup.apply("quarkus.oidc.auth-server-url"))
        && !"false".equalsIgnoreCase(lookup.apply("quarkus.oidc.tenant-enabled"))) {
      missing.add("QUARKUS_OIDC_AUTH_SERVER_URL (or QUARKUS_OIDC_TENANT_ENABLED=false)");
    }
    return missing;
  }

  /**
   * The address browsers reach the console at ({@code strata.public-url}), by default {@code
   * http://localhost:<quarkus.http.port>}: the only one an identity provider sends them back to.
   */
  static String publicUrl(Function<String, String> lookup) {
    String configured = lookup.apply("strata.public-url");
    if (!isBlank(configured)) {
      return configured.trim().replaceAll("/+$", "");
    }
    String port = lookup.apply("quarkus.http.port");
    return "http://localhost:" + (isBlank(port) ? "8080" : port.trim());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
