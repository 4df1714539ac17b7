package io.strata.embedded;

import io.strata.BundledServices;
import io.strata.StrataConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The embedded default: starts a real Kafka broker, a real PostgreSQL server and a real Keycloak for
 * whichever of them the configuration leaves out, and says which properties point the application
 * at them. Keycloak is left out also when OIDC is switched off ({@code
 * QUARKUS_OIDC_TENANT_ENABLED=false}: API keys only).
 */
public final class EmbeddedServices implements BundledServices {

  /** The tenants of the embedded Keycloak's demo users. */
  public static final List<String> DEMO_TENANTS = List.of("acme", "globex");

  static final int DEFAULT_KEYCLOAK_PORT = 8180;
  /** The password of the embedded Keycloak's demo users unless {@code STRATA_DEMO_PASSWORD} says. */
  public static final String DEFAULT_DEMO_PASSWORD = StrataConfig.DEFAULT_DEMO_PASSWORD;

  private static final Logger LOG = Logger.getLogger(EmbeddedServices.class);

  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();

  private EmbeddedServices() {}

  /**
   * Starts what {@code lookup} (a configuration lookup by property name) does not configure, keeping
   * data under {@code dataDir}.
   */
  public static EmbeddedServices startMissing(Path dataDir, Function<String, String> lookup)
      throws IOException {
    return startMissing(dataDir, lookup, LOG::info);
  }

  /**
   * As {@link #startMissing(Path, Function)}, saying on {@code progress} how a long first step (the
   * one-time Keycloak download) goes: before Quarkus starts, log records are held back until it
   * has, so the packaged application passes a sink that writes to the console at once.
   */
  public static EmbeddedServices startMissing(Path dataDir, Function<String, String> lookup,
      Consumer<String> progress) throws IOException {
    EmbeddedServices services = new EmbeddedServices();
    // Indexes, broker logs, databases and generated secrets: nobody else's business, whatever
    // the umask or an older version left behind.
    PrivateFiles.directory(dataDir);
    PrivateFiles.restrictTree(dataDir);
    boolean needsKafka = isBlank(lookup.apply("kafka.bootstrap.servers"));
    boolean needsPostgres = isBlank(lookup.apply("quarkus.datasource.reactive.url"));
    boolean needsKeycloak = isBlank(lookup.apply("quarkus.oidc.auth-server-url"))
        && !"false".equalsIgnoreCase(lookup.apply("quarkus.oidc.tenant-enabled"));
    List<String> missing = new ArrayList<>();
    if (needsKafka) {
      missing.add("Kafka");
    }
    if (needsPostgres) {
      missing.add("PostgreSQL");
    }
    if (needsKeycloak) {
      missing.add("Keycloak");
    }
    if (!missing.isEmpty()) {
      progress.accept("starting embedded " + String.join(", ", missing) + " (data in " + dataDir
          + ") ...");
    }
    try {
      if (needsKafka) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
        services.started.add(kafka);
        kafka.clientProperties().forEach((name, value) -> services.properties.put("kafka." + name, value));
      }
      if (needsPostgres) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"));
        services.started.add(postgres);
        services.properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        services.properties.put("quarkus.datasource.username", EmbeddedPostgres.USER);
        services.properties.put("quarkus.datasource.password", postgres.password());
      }
      if (needsKeycloak) {
        String cache = lookup.apply("strata.keycloak-cache-dir");
        String port = lookup.apply("strata.keycloak-port");
        String password = lookup.apply("strata.demo-password");
        EmbeddedKeycloak keycloak = EmbeddedKeycloak.start(
            isBlank(cache) ? dataDir.resolve("keycloak") : Path.of(cache), progress,
            dataDir.resolve("keycloak").resolve("home"),
            isBlank(port) ? DEFAULT_KEYCLOAK_PORT : Integer.parseInt(port.trim()),
            isBlank(password) ? DEFAULT_DEMO_PASSWORD : password,
            BundledServices.publicUrl(lookup));
        services.started.add(keycloak);
        services.properties.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        services.properties.put("quarkus.oidc.client-id", EmbeddedKeycloak.CLIENT_ID);
        services.properties.put("quarkus.oidc.credentials.secret", keycloak.clientSecret());
        services.properties.put("strata.demo-users", String.join(",", EmbeddedKeycloak.demoUsers()));
        if (isBlank(lookup.apply("strata.demo-tenants"))) {
          services.properties.put("strata.demo-tenants", String.join(",", DEMO_TENANTS));
        }
      }
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
    return services;
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public void close() {
    for (AutoCloseable service : started.reversed()) {
      try {
        service.close();
      } catch (Exception e) {
        // Shutting down: the other services must still be stopped.
      }
    }
    started.clear();
  }
}
