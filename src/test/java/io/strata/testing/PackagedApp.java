package io.strata.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) run as a separate
 * process, as a user runs it, for tests that must kill or starve it.
 */
public final class PackagedApp implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final int managementPort;
  private Process process;

  /** An application that will listen on free ports (the API's and the management one). */
  public PackagedApp() throws IOException {
    this.port = freePort();
    this.managementPort = freePort();
  }

  private static int freePort() {
    return io.strata.embedded.FreePorts.find();
  }

  /**
   * The environment of an application with a new data directory of its own ({@code strata-<name>-}
   * under the temporary directory) and {@code operatorKey} as its operator key; a restart with the
   * same map finds the same data. The map takes more variables.
   */
  public static Map<String, String> withFreshData(String name, String operatorKey)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("STRATA_DATA_DIR", Files.createTempDirectory("strata-" + name + "-").toString());
    env.put("STRATA_OPERATOR_KEY", operatorKey);
    return env;
  }

  /**
   * Creates tenant {@code id} with the operator key and returns a new API key of it with {@code
   * scopes}.
   */
  public String createTenant(String operatorKey, String id, String name, String... scopes)
      throws Exception {
    post("/api/v1/admin/tenants", operatorKey, "application/json",
        JSON.writeValueAsString(Map.of("id", id, "name", name)));
    return JSON.readTree(post("/api/v1/admin/tenants/" + id + "/keys", operatorKey,
        "application/json", JSON.writeValueAsString(Map.of("name", "k", "scopes",
            List.of(scopes))))).get("key").asText();
  }

  /**
   * Starts the application with the given environment and system properties, logging to {@code
   * target/<logName>}, and waits until it is ready (or only until it listens, when {@code
   * awaitReady} is false).
   */
  public void start(Map<String, String> env, List<String> systemProperties, String logName,
      boolean awaitReady) throws IOException {
    String jar = System.getProperty("test.strata.app.jar", "target/quarkus-app/quarkus-run.jar");
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
    command.addAll(systemProperties);
    command.addAll(List.of("-jar", jar));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    builder.environment().remove("QUARKUS_DATASOURCE_REACTIVE_URL");
    // These tests are about the event path; sign-in through Keycloak has tests of its own.
    builder.environment().put("QUARKUS_OIDC_TENANT_ENABLED", "false");
    builder.environment().putAll(env);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.redirectErrorStream(true);
    builder.redirectOutput(Path.of("target", logName).toFile());
    Process started = builder.start();
    process = started;
    String path = awaitReady ? "/q/health/ready" : "/q/health/live";
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!started.isAlive()) {
        throw new IllegalStateException("the application exited; see target/" + logName);
      }
      try {
        return http.send(HttpRequest.newBuilder(uri(path)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** Kills the process with SIGKILL: no shutdown hook, no final commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Sends a request with a bearer key (or none) and returns the response. */
  public HttpResponse<String> send(String method, String path, String key, String contentType,
      String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs and returns the body; throws unless the answer is 2xx. */
  public String post(String path, String key, String contentType, String body) throws Exception {
    HttpResponse<String> response = send("POST", path, key, contentType, body);
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** GETs and returns the body; throws unless the answer is 200. */
  public String get(String path, String key) throws Exception {
    HttpResponse<String> response = send("GET", path, key, null, null);
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Health and metrics ({@code /q/...}) are on the management port, everything else on the API's. */
  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + (path.startsWith("/q/") ? managementPort : port) + path);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
