package io.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's cluster mode: N Strata nodes, every role on each, and the process holding Kafka
 * and PostgreSQL, started with {@code scripts/cluster.sh} exactly as a user would, in a directory
 * of the benchmark's own.
 */
final class ClusterRun implements AutoCloseable {

  /** Far from cluster.sh's default (8081) and from the tests' ports. */
  private static final int BASE_PORT = 18_481;

  final int nodes;
  final int partitions;
  final String operatorKey;
  private final Path dir;
  private final Path script;
  private final Map<String, String> environment;

  private ClusterRun(int nodes, int partitions, Path dir, Path script, Map<String, String> environment,
      String operatorKey) {
    this.nodes = nodes;
    this.partitions = partitions;
    this.dir = dir;
    this.script = script;
    this.environment = environment;
    this.operatorKey = operatorKey;
  }

  /**
   * Starts the services and {@code nodes} nodes with {@code heap} each and the nodes' {@code
   * settings} (environment); waits until all are ready.
   */
  static ClusterRun start(Path projectDir, Path dir, int nodes, String heap,
      Map<String, String> settings) throws IOException, InterruptedException {
    int partitions = 2 * nodes;
    Map<String, String> environment = new java.util.HashMap<>(settings);
    environment.putAll(Map.of(
        "STRATA_CLUSTER_DIR", dir.toString(),
        "STRATA_CLUSTER_BASE_PORT", Integer.toString(BASE_PORT),
        "STRATA_KAFKA_PARTITIONS", Integer.toString(partitions)));
    if (!BenchOptions.DEFAULT_HEAP.equals(heap)) {
      environment.put("STRATA_CLUSTER_HEAP", heap);
    }
    Path script = projectDir.resolve("scripts").resolve("cluster.sh");
    ClusterRun cluster = new ClusterRun(nodes, partitions, dir, script, environment, null);
    cluster.script("start", Integer.toString(nodes));
    String key = Files.readString(dir.resolve("operator.key")).trim();
    return new ClusterRun(nodes, partitions, dir, script, environment, key);
  }

  /** The API address of node {@code i} (1-based). */
  String url(int i) {
    return "http://127.0.0.1:" + (BASE_PORT + i - 1);
  }

  /** The management (metrics, health) address of node {@code i}. */
  String managementUrl(int i) {
    return "http://127.0.0.1:" + (BASE_PORT + 1000 + i - 1);
  }

  List<String> urls() {
    List<String> urls = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      urls.add(url(i));
    }
    return urls;
  }

  long pid(int i) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("node-" + i + ".pid")).trim());
  }

  /** The process that holds the Kafka broker and PostgreSQL. */
  long servicesPid() throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("services.pid")).trim());
  }

  Path dataDir(int i) {
    return dir.resolve("node-" + i);
  }

  boolean alive() {
    try {
      for (int i = 1; i <= nodes; i++) {
        if (ProcessHandle.of(pid(i)).map(p -> !p.isAlive()).orElse(true)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** CPU time of a process so far; zero when it is gone. */
  static Duration cpu(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    try {
      script("stop");
    } catch (IOException | InterruptedException e) {
      System.err.println("stopping the cluster failed: " + e);
    }
  }

  private void script(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
        .directory(script.getParent().getParent().toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("scripts/cluster.sh " + String.join(" ", args) + " failed");
    }
  }
}
