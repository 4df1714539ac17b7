package io.strata;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.strata.cluster.Role;
import io.strata.infra.metrics.AmbiguousGauges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Entry point of the packaged application: starts the embedded Kafka broker, PostgreSQL server and
 * Keycloak when none is configured and the build carries them ({@link BundledServices}), then boots Quarkus pointed at them; once it has started, {@link
 * StrataApplication} says where to go.
 */
@QuarkusMain
public final class StrataMain {

  private StrataMain() {}

  public static void main(String... args) throws Exception {
    // A mistyped role fails the start before anything is started for it.
    Set<Role> roles;
    try {
      roles = Role.parse(lookup("strata.roles"));
    } catch (IllegalArgumentException e) {
      System.err.println("strata: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dataDir = Path.of(lookup("strata.data-dir") == null ? "data" : lookup("strata.data-dir"))
        .toAbsolutePath();
    // The services must be up before Quarkus reads its configuration: the Kafka connector and the
    // datasource are created from it at boot.
    // Normalised once for everyone: the OIDC redirect and logout URIs are built from it.
    System.setProperty("strata.public-url", BundledServices.publicUrl(StrataMain::lookup));
    // Log records are held back until Quarkus has started; the one-time Keycloak download (170 MB)
    // says how far it got on the console at once.
    BundledServices services;
    try {
      services = BundledServices.startMissing(dataDir, StrataMain::lookup, StrataMain::console);
    } catch (IllegalStateException e) {
      System.err.println("strata: " + e.getMessage());
      System.exit(2);
      return;
    }
    services.properties().forEach(System::setProperty);
    applyRoles(roles);
    // Before any meter exists (AmbiguousGauges says why).
    AmbiguousGauges.installGlobally();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      awaitApplicationStop();
      services.close();
    }, "strata-embedded-shutdown"));
    Quarkus.run(StrataApplication.class, args);
  }

  /**
   * A node without the {@code index} role does not join the indexers' consumer group: its channel
   * is switched off before the connector is created (the consumer method then has no upstream,
   * which is what was asked, so that notice is not worth a warning on every start).
   */
  private static void applyRoles(Set<Role> roles) {
    if (!roles.contains(Role.INDEX)) {
      System.setProperty("mp.messaging.incoming.events-in.enabled", "false");
      System.setProperty("quarkus.log.category.\"io.smallrye.reactive.messaging.provider\".level",
          "ERROR");
    }
  }

  /**
   * Shutdown hooks run side by side; the broker must outlive the application's own shutdown, which
   * commits the indexes and then the Kafka offsets.
   */
  private static void awaitApplicationStop() {
    Application application = Application.currentApplication();
    if (application == null) {
      return;
    }
    Thread waiter = Thread.ofPlatform().daemon().start(application::awaitShutdown);
    try {
      waiter.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A line for whoever watches the start, at once (not a log record: those come later). */
  private static void console(String line) {
    System.out.println("strata: " + line);
    System.out.flush();
  }

  /** Reads a property the way Quarkus would: a system property, else its environment variable. */
  static String lookup(String property) {
    String value = System.getProperty(property);
    if (value != null) {
      return value;
    }
    String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    return System.getenv(env);
  }
}
