package io.strata.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.embedded.EmbeddedServices;
import io.strata.infra.metrics.AmbiguousGauges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real Kafka broker, a real PostgreSQL server and a real Keycloak (with the project's realm
 * and demo users) for a test run — the same embedded services the application starts by default —
 * with all data in a fresh temporary directory, and a self-signed certificate there for the syslog
 * TLS listeners, with a CA and client certificates for the one that requires them, and a real SMTP
 * server (GreenMail) for e-mail notifications.
 */
public class StrataServicesResource implements QuarkusTestResourceLifecycleManager {

  /** Where tests keep the Keycloak distribution between runs. */
  public static final Path KEYCLOAK_CACHE =
      Path.of(System.getProperty("user.home"), ".cache", "strata", "keycloak");

  private EmbeddedServices services;

  @Override
  public Map<String, String> start() {
    try {
      Path dataDir = Files.createTempDirectory("strata-test-");
      // The port is chosen here rather than by Quarkus: the public URL, which Keycloak sends
      // browsers back to, must name it before the application starts.
      int httpPort = freePort();
      String publicUrl = "http://localhost:" + httpPort;
      // The Keycloak distribution (170 MB) is fetched once per machine, not once per test run.
      Map<String, String> settings = Map.of(
          "strata.keycloak-cache-dir", KEYCLOAK_CACHE.toString(),
          "strata.keycloak-port", Integer.toString(freePort()),
          "strata.public-url", publicUrl);
      services = EmbeddedServices.startMissing(dataDir, settings::get);
      // As StrataMain does before Quarkus starts.
      AmbiguousGauges.installGlobally();
      Map<String, String> config = new HashMap<>(services.properties());
      config.put("strata.data-dir", dataDir.toString());
      config.put("quarkus.http.test-port", Integer.toString(httpPort));
      // Chosen here too: tests find the management port through @TestHTTPResource(management=true),
      // which does not follow a port picked by the server.
      config.put("quarkus.management.test-port", Integer.toString(freePort()));
      config.put("strata.public-url", publicUrl);
      // The certificate of the syslog TLS listener of the test profile (see application.properties).
      config.putAll(SyslogTlsCertificate.create(dataDir));
      // ... and of the one that requires client certificates, with the CA that signs them.
      config.putAll(SyslogClientCertificates.create(dataDir, "mtls"));
      // A real SMTP server for the e-mail channels of alerting.
      config.putAll(TestSmtp.start());
      // The operator's channel, where platform alerts go: a receiver that records them.
      config.put("strata.alerts.operator.kind", "webhook");
      config.put("strata.alerts.operator.url", OperatorReceiver.start().url(OperatorReceiver.PATH));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    return io.strata.embedded.FreePorts.find();
  }

  @Override
  public void stop() {
    TestSmtp.stop();
    OperatorReceiver.stop();
    if (services != null) {
      services.close();
    }
  }
}
