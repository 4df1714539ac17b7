package io.strata.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.embedded.EmbeddedServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real Kafka broker and a real PostgreSQL server for a test run (the same embedded services
 * the application starts by default), with all data in a fresh directory under target/.
 */
public class StrataServicesResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedServices services;

  @Override
  public Map<String, String> start() {
    try {
      Path dataDir = Files.createTempDirectory("strata-test-");
      services = EmbeddedServices.startMissing(dataDir, property -> null);
      Map<String, String> config = new HashMap<>(services.properties());
      config.put("strata.data-dir", dataDir.toString());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (services != null) {
      services.close();
    }
  }
}
