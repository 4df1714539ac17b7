package io.strata.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The services a cluster of Strata nodes on one machine shares, in a process of their own: one real
 * Kafka broker and one real PostgreSQL server ({@code scripts/cluster.sh} starts it). Writes the
 * environment that points a node at them to {@code <dir>/services.env} (owner-only: it holds
 * their passwords), then runs until it is stopped.
 */
public final class ClusterServices {

  private ClusterServices() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ClusterServices <data-dir>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    PrivateFiles.directory(dir);
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
    } catch (IOException | RuntimeException e) {
      kafka.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        // Stopping anyway.
      }
      kafka.close();
    }, "cluster-services-stop"));
    Map<String, String> env = new LinkedHashMap<>();
    kafka.clientProperties().forEach((name, value) ->
        env.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
    env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
    StringBuilder file = new StringBuilder();
    env.forEach((name, value) -> file.append(name).append("='")
        .append(value.replace("'", "'\\''")).append("'\n"));
    Path target = dir.resolve("services.env");
    Path written = dir.resolve("services.env.tmp");
    Files.deleteIfExists(written);
    Files.writeString(PrivateFiles.file(written), file.toString());
    Files.move(written, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("cluster services ready: Kafka at " + kafka.bootstrapServers()
        + ", PostgreSQL at " + postgres.reactiveUrl() + " (environment in " + target + ")");
    System.out.flush();
    Thread.currentThread().join();
  }
}
