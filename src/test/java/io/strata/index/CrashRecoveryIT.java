package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged application with SIGKILL while events stream in, starts it again on the same
 * data, and checks that every acknowledged event is searchable exactly once.
 */
class CrashRecoveryIT {

  private static final String OPERATOR_KEY = "crash-test-operator";
  private static final int BATCH = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process app;
  private int port;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroy();
      app.waitFor();
    }
  }

  @Test
  void acknowledgedEventsSurviveKillDashNineExactlyOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("strata-crash-");
    port = freePort();
    app = start(dataDir, "crash-1.log");
    post("/api/v1/admin/tenants", OPERATOR_KEY, "application/json", "{\"id\":\"crash\",\"name\":\"Crash\"}");
    String key = JSON.readTree(post("/api/v1/admin/tenants/crash/keys", OPERATOR_KEY,
        "application/json", "{\"name\":\"k\",\"scopes\":[\"ingest\",\"search\"]}")).get("key").asText();

    AtomicInteger acked = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Thread sender = Thread.ofPlatform().start(() -> {
      int next = 0;
      while (!stop.get() && next < 9_000) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
          body.append("{\"n\":").append(next + i).append(",\"message\":\"crash test event\"}\n");
        }
        try {
          post("/api/v1/ingest", key, "application/x-ndjson", body.toString());
          next += BATCH;
          acked.set(next); // batches are sent one after another: all below 'next' are acknowledged
        } catch (Exception e) {
          return; // the process is gone: this batch was never acknowledged
        }
      }
    });
    // Kill after a few Lucene commits (1 s apart) but before Kafka offsets are ever committed
    // (30 s apart), so the restart must replay records the indexes already hold.
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() >= 3_000);
    Thread.sleep(1_500);
    app.destroyForcibly().waitFor();
    stop.set(true);
    sender.join(30_000);
    int acknowledged = acked.get();
    assertThat(acknowledged).isGreaterThanOrEqualTo(3_000);

    app = start(dataDir, "crash-2.log");
    int[] total = new int[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      total[0] = JSON.readTree(get("/api/v1/search?q=&from=now-1d&limit=1", key)).get("total").asInt();
      return total[0] >= acknowledged;
    });
    Thread.sleep(3_000); // anything replayed twice would show up now
    BitSet seen = new BitSet();
    int events = 0;
    String cursor = null;
    do {
      String url = "/api/v1/search?q=&from=now-1d&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = JSON.readTree(get(url, key));
      for (JsonNode event : page.get("events")) {
        int n = event.get("n").asInt();
        assertThat(seen.get(n)).as("event %d indexed twice", n).isFalse();
        seen.set(n);
        events++;
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
    } while (cursor != null);
    assertThat(seen.nextClearBit(0)).as("first missing acknowledged event").isGreaterThanOrEqualTo(acknowledged);
    assertThat(events).isEqualTo(seen.cardinality());
    String metrics = get("/q/metrics", null);
    assertThat(metrics).as("the restart replayed records the indexes already held")
        .containsPattern("strata_index_events_total\\{outcome=\"replayed\",tenant=\"crash\"\\} [1-9]");
  }

  private Process start(Path dataDir, String logName) throws IOException {
    String jar = System.getProperty("test.strata.app.jar", "target/quarkus-app/quarkus-run.jar");
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
        "-Dstrata.index.commit-interval=1s",
        "-Dmp.messaging.incoming.events-in.auto.commit.interval.ms=30000",
        "-jar", jar);
    builder.environment().put("STRATA_DATA_DIR", dataDir.toString());
    builder.environment().put("STRATA_OPERATOR_KEY", OPERATOR_KEY);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    builder.environment().remove("QUARKUS_DATASOURCE_REACTIVE_URL");
    builder.redirectErrorStream(true);
    builder.redirectOutput(Path.of("target", logName).toFile());
    Process process = builder.start();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited; see target/" + logName);
      }
      try {
        return http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    return process;
  }

  private String post(String path, String key, String type, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Bearer " + key).header("Content-Type", type)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private String get(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
