package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
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
  // Lucene commits every second, Kafka offsets only every 30 s: a kill after a few seconds leaves
  // records that the indexes already hold but Kafka will deliver again.
  private static final List<String> PROPERTIES = List.of("-Dstrata.index.commit-interval=1s",
      "-Dmp.messaging.incoming.events-in.auto.commit.interval.ms=30000");

  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void acknowledgedEventsSurviveKillDashNineExactlyOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("strata-crash-");
    Map<String, String> env = Map.of("STRATA_DATA_DIR", dataDir.toString(),
        "STRATA_OPERATOR_KEY", OPERATOR_KEY);
    app = new PackagedApp();
    app.start(env, PROPERTIES, "crash-1.log", true);
    app.post("/api/v1/admin/tenants", OPERATOR_KEY, "application/json", "{\"id\":\"crash\",\"name\":\"Crash\"}");
    String key = JSON.readTree(app.post("/api/v1/admin/tenants/crash/keys", OPERATOR_KEY,
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
          app.post("/api/v1/ingest", key, "application/x-ndjson", body.toString());
          next += BATCH;
          acked.set(next); // batches go one after another: all below 'next' are acknowledged
        } catch (Exception e) {
          return; // the process is gone: this batch was never acknowledged
        }
      }
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() >= 3_000);
    Thread.sleep(1_500);
    app.kill();
    stop.set(true);
    sender.join(30_000);
    int acknowledged = acked.get();
    assertThat(acknowledged).isGreaterThanOrEqualTo(3_000);

    app.start(env, PROPERTIES, "crash-2.log", true);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        JSON.readTree(app.get("/api/v1/search?q=&from=now-1d&limit=1", key)).get("total").asInt()
            >= acknowledged);
    Thread.sleep(3_000); // anything replayed twice would show up now
    BitSet seen = new BitSet();
    int events = 0;
    String cursor = null;
    do {
      String url = "/api/v1/search?q=&from=now-1d&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = JSON.readTree(app.get(url, key));
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
    assertThat(app.get("/q/metrics", null)).as("the restart replayed records the indexes already held")
        .containsPattern("strata_index_events_total\\{outcome=\"replayed\",tenant=\"crash\"\\} [1-9]");
  }
}
