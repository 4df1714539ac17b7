package io.strata.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded default: starts a real Kafka broker and a real PostgreSQL server for whichever of the
 * two the configuration leaves out, and says which properties point the application at them.
 */
public final class EmbeddedServices implements AutoCloseable {

  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();

  private EmbeddedServices() {}

  /**
   * Starts what {@code lookup} (a configuration lookup by property name) does not configure, keeping
   * data under {@code dataDir}.
   */
  public static EmbeddedServices startMissing(Path dataDir, Function<String, String> lookup)
      throws IOException {
    EmbeddedServices services = new EmbeddedServices();
    try {
      if (isBlank(lookup.apply("kafka.bootstrap.servers"))) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
        services.started.add(kafka);
        services.properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      }
      if (isBlank(lookup.apply("quarkus.datasource.reactive.url"))) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"));
        services.started.add(postgres);
        services.properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        services.properties.put("quarkus.datasource.username", EmbeddedPostgres.USER);
        services.properties.put("quarkus.datasource.password", "");
      }
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
    return services;
  }

  /** Configuration properties that point the application at the services started here. */
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
