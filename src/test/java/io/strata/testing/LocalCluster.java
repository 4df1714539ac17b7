package io.strata.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster started by {@code scripts/cluster.sh}, as a user starts one, in a directory of the
 * test's own and on free ports: the script's commands, and plain HTTP to its nodes.
 */
public final class LocalCluster {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dir;
  private final Path log;
  private final int base;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final ThreadLocal<Map<String, String>> extraEnv = ThreadLocal.withInitial(Map::of);

  /**
   * A cluster kept in {@code target/<name>} (emptied first), logging to {@code target/<name>.log},
   * with the script's environment {@code env} (roles, partitions, intervals).
   */
  public LocalCluster(String name, Map<String, String> env) throws IOException {
    this.dir = Path.of("target", name).toAbsolutePath();
    this.log = Path.of("target", name + ".log").toAbsolutePath();
    this.base = freeBase();
    this.env.putAll(env);
    deleteTree(dir);
  }

  /** Where the cluster keeps its files: {@code node-I/} data, {@code operator.key}, logs. */
  public Path dir() {
    return dir;
  }

  /** The base URL of node {@code i} (from 1). */
  public String node(int i) {
    return "http://127.0.0.1:" + (base + i - 1);
  }

  /** The base URL of node {@code i}'s management interface (health, metrics). */
  public String management(int i) {
    return "http://127.0.0.1:" + (base + 1000 + i - 1);
  }

  /** The operator key the script generated. */
  public String operatorKey() throws IOException {
    return Files.readString(dir.resolve("operator.key")).trim();
  }

  /** Runs {@code scripts/cluster.sh args}; fails on an error. */
  public void run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/cluster.sh"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("STRATA_CLUSTER_DIR", dir.toString());
    builder.environment().put("STRATA_CLUSTER_BASE_PORT", Integer.toString(base));
    builder.environment().putAll(env);
    builder.environment().put("JAVA_HOME", Path.of(ProcessHandle.current().info().command()
        .orElseThrow()).getParent().getParent().toString());
    builder.environment().putAll(extraEnv.get());
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " exited with "
          + exit + "; see " + log + " and " + dir);
    }
  }

  /** Runs {@code scripts/cluster.sh args} with one more environment variable. */
  public void runWith(String name, String value, String... args) throws Exception {
    extraEnv.set(Map.of(name, value));
    try {
      run(args);
    } finally {
      extraEnv.remove();
    }
  }

  /** Sends a request with a bearer key; fails unless it answers {@code status}. */
  public static String send(String method, String url, String bearer, String body, int status)
      throws Exception {
    HttpResponse<String> response = raw(method, url, bearer, body);
    if (response.statusCode() != status) {
      throw new IOException(method + " " + url + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  /** Sends a request with a bearer key (none when null), whatever it answers. */
  public static HttpResponse<String> raw(String method, String url, String bearer, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a Prometheus sample of node {@code i} (summed over its labels); 0 when none. */
  public double metric(int i, String name, String labelFilter) throws Exception {
    String text = send("GET", management(i) + "/q/metrics", null, null, 200);
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name) && (line.charAt(name.length()) == '{'
          || line.charAt(name.length()) == ' ')
          && (labelFilter == null || line.contains(labelFilter))) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Deletes a directory and everything in it, if it exists. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A base port with room for five nodes' API ports, their health ports and s3proxy. */
  private static int freeBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = 20_000 + (int) (Math.random() * 20_000);
      if (allFree(candidate, 5) && allFree(candidate + 1000, 5) && allFree(candidate + 2000, 1)) {
        return candidate;
      }
    }
    throw new IOException("no free ports for the cluster");
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
