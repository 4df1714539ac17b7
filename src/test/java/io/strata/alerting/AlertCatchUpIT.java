package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluations missed while Strata is down are caught up, not skipped: a burst stamped for a time
 * when the application will be stopped fires and resolves in the history at the times the
 * evaluations were due, although both happened while nothing ran.
 */
class AlertCatchUpIT {

  private static final String OPERATOR_KEY = "alert-catch-up-operator";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROPERTIES = List.of("-Dstrata.alerts.tick=1s",
      "-Dstrata.alerts.evaluation-delay=1s");

  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void evaluationsDueWhileDownAreCaughtUpInOrder() throws Exception {
    Map<String, String> env = PackagedApp.withFreshData("alert-catch-up", OPERATOR_KEY);
    app = new PackagedApp();
    app.start(env, PROPERTIES, "alert-catch-up-1.log", true);
    String key = app.createTenant(OPERATOR_KEY, "night", "Night shift", "ingest", "search");
    String rule = JSON.readTree(app.post("/api/v1/alerts/rules", key, "application/json",
        "{\"name\":\"night errors\",\"query\":\"level:ERROR\",\"window\":\"10s\","
            + "\"every\":\"10s\",\"condition\":{\"op\":\">\",\"value\":2}}")).get("id").asText();
    // Errors stamped 25 s ahead: the rule will see them only in evaluations due while it is down.
    Instant burst = Instant.now().plusSeconds(25);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      lines.append("{\"@timestamp\":\"").append(burst.plusMillis(i))
          .append("\",\"level\":\"ERROR\",\"message\":\"disk full\"}\n");
    }
    app.post("/api/v1/ingest", key, "application/x-ndjson", lines.toString());
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> JSON.readTree(app.get("/api/v1/search?from=now-1h&to=now%2B1h&limit=1&q="
            + "level:ERROR", key)).get("total").asInt() == 5);
    Instant stopped = Instant.now();
    app.kill();
    Thread.sleep(Duration.between(Instant.now(), burst.plusSeconds(30)).toMillis());

    Instant restarted = Instant.now();
    app.start(env, PROPERTIES, "alert-catch-up-2.log", true);
    List<JsonNode> transitions = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      transitions.clear();
      JSON.readTree(app.get("/api/v1/alerts/history?from=now-1h&rule=" + rule, key))
          .forEach(transitions::add);
      return transitions.size() >= 2;
    });
    // Newest first: resolved, then firing; both at times due while the application was down.
    assertThat(transitions.stream().map(t -> t.get("from").asText() + ">" + t.get("to").asText())
        .toList()).containsExactly("firing>resolved", "ok>firing");
    for (JsonNode transition : transitions) {
      Instant at = Instant.parse(transition.get("at").asText());
      assertThat(at).isAfter(stopped).isBefore(restarted);
    }
    Instant fired = Instant.parse(transitions.get(1).get("at").asText());
    assertThat(fired).isAfter(burst).isBefore(burst.plusSeconds(12));
    assertThat(transitions.get(1).get("value").asLong()).isEqualTo(5);
  }
}
