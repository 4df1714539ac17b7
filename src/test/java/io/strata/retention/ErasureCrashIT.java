package io.strata.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged application with SIGKILL as soon as an erasure has started, restarts it on
 * the same data, and checks that the erasure completes, that Kafka's replay brings none of the
 * erased events back, and that every other event is there exactly once.
 */
class ErasureCrashIT {

  private static final String OPERATOR_KEY = "erasure-crash-operator";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBJECT = "subject@example.org";
  // Lucene commits every second, Kafka offsets only every 2 minutes: the restart replays records,
  // however slow the machine is to get to the kill.
  private static final List<String> PROPERTIES = List.of("-Dstrata.index.commit-interval=1s",
      "-Dmp.messaging.incoming.events-in.auto.commit.interval.ms=120000",
      "-Dstrata.erasure.cancel-window=1s", "-Dstrata.erasure.check-interval=1s",
      "-Dstrata.erasure.max-share=0.5", "-Dstrata.retention.policy-refresh=1s");

  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anErasureSurvivesKillDashNineAndReplayDoesNotResurrectWhatItErased() throws Exception {
    Map<String, String> env = PackagedApp.withFreshData("erasure-crash", OPERATOR_KEY);
    app = new PackagedApp();
    app.start(env, PROPERTIES, "erasure-crash-1.log", true);
    String key = app.createTenant(OPERATOR_KEY, "gdpr", "GDPR", "ingest", "search", "admin",
        "audit");
    int events = 3_000;
    for (int batch = 0; batch < events / 500; batch++) {
      StringBuilder body = new StringBuilder();
      for (int i = batch * 500; i < (batch + 1) * 500; i++) {
        String user = i % 30 == 0 ? SUBJECT : "user" + i + "@example.org";
        body.append("{\"n\":").append(i).append(",\"message\":\"order placed\",\"user\":{\"email\":\"")
            .append(user).append("\"}}\n");
      }
      app.post("/api/v1/ingest", key, "application/x-ndjson", body.toString());
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> total(key, "") == events);

    String id = JSON.readTree(app.post("/api/v1/erasures", key, "application/json",
        "{\"query\":\"user.email:\\\"" + SUBJECT + "\\\"\",\"from\":\"now-1d\","
            + "\"reason\":\"Art. 17\"}")).get("id").asText();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> !"pending".equals(state(key, id)));
    app.kill();

    app.start(env, PROPERTIES, "erasure-crash-2.log", true);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> "completed".equals(state(key, id)));
    Thread.sleep(3_000); // let the replay, if any, reach the indexes

    assertThat(total(key, "user.email:\"" + SUBJECT + "\"")).isZero();
    BitSet seen = new BitSet();
    String cursor = null;
    do {
      String url = "/api/v1/search?q=&from=now-1d&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = JSON.readTree(app.get(url, key));
      for (JsonNode event : page.get("events")) {
        int n = event.get("n").asInt();
        assertThat(seen.get(n)).as("event %d indexed twice", n).isFalse();
        assertThat(n % 30).as("erased event %d came back", n).isNotZero();
        seen.set(n);
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
    } while (cursor != null);
    assertThat(seen.cardinality()).isEqualTo(events - events / 30);
    JsonNode receipt = JSON.readTree(app.get("/api/v1/erasures/" + id + "/receipt", key));
    assertThat(receipt.at("/counts/remaining").asInt()).isZero();
    assertThat(app.get("/q/metrics", null)).as("the restart replayed records")
        .containsPattern("strata_index_events_total\\{outcome=\"(replayed|erased)\",tenant=\"gdpr\"\\} [1-9]");
  }

  private String state(String key, String id) throws Exception {
    return JSON.readTree(app.get("/api/v1/erasures/" + id, key)).get("state").asText();
  }

  private int total(String key, String q) throws Exception {
    return JSON.readTree(app.get("/api/v1/search?from=now-1d&limit=1&q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8), key)).get("total").asInt();
  }
}
