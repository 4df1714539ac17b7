package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import io.strata.testing.RecordingReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged application with SIGKILL while it is evaluating alert rules — some alerts of
 * the round already firing, others not yet — restarts it on the same data, and checks that every
 * alert fires exactly once: one ok-to-firing transition and one notification each (a notification
 * may be delivered again after a crash, but always under its one id), none lost.
 */
class AlertCrashIT {

  private static final String OPERATOR_KEY = "alert-crash-operator";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RULES = 300;
  private static final List<String> PROPERTIES = List.of("-Dstrata.alerts.tick=1s",
      "-Dstrata.alerts.evaluation-delay=1s", "-Dstrata.alerts.delivery-interval=1s",
      "-Dstrata.alerts.retry-initial=1s", "-Dstrata.alerts.retry-max=2s");

  private PackagedApp app;
  private RecordingReceiver receiver;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aKillDuringEvaluationNeitherLosesNorRepeatsAnAlertOrItsNotification() throws Exception {
    receiver = new RecordingReceiver();
    Map<String, String> env = PackagedApp.withFreshData("alert-crash", OPERATOR_KEY);
    env.put("STRATA_ALERTS_ALLOWED_NETWORKS", "127.0.0.0/8");
    app = new PackagedApp();
    app.start(env, PROPERTIES, "alert-crash-1.log", true);
    String key = app.createTenant(OPERATOR_KEY, "oncall", "On call", "ingest", "search");
    String channel = JSON.readTree(app.post("/api/v1/alerts/channels", key, "application/json",
        "{\"name\":\"hook\",\"kind\":\"webhook\",\"url\":\"" + receiver.url("/hook") + "\"}"))
        .get("id").asText();
    Map<String, String> fingerprints = new HashMap<>();
    for (int i = 0; i < RULES; i++) {
      String rule = JSON.readTree(app.post("/api/v1/alerts/rules", key, "application/json",
          "{\"name\":\"r" + i + "\",\"query\":\"level:ERROR AND service:s" + (i % 5) + "\","
              + "\"window\":\"10m\",\"every\":\"10s\",\"condition\":{\"op\":\">\",\"value\":"
              + (i % 3) + "},\"channels\":[\"" + channel + "\"]}")).get("id").asText();
      fingerprints.put(AlertFingerprint.of(rule, Map.of()), rule);
    }
    // Rules exist and evaluate to ok; then errors arrive, and the rules fire over the next ticks
    // as each comes due (they were created over a few seconds): kill as the first ones fire.
    StringBuilder burst = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < 50; i++) {
      burst.append("{\"@timestamp\":\"").append(now.minusMillis(i)).append("\","
          + "\"level\":\"ERROR\",\"service\":\"s").append(i % 5).append("\",\"message\":\"boom\"}\n");
    }
    app.post("/api/v1/ingest", key, "application/x-ndjson", burst.toString());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(25))
        .until(() -> firing(key) > 0);
    int firingAtKill = firing(key);
    app.kill();
    System.out.printf("AlertCrashIT: killed with %d of %d alerts firing%n", firingAtKill, RULES);

    app.start(env, PROPERTIES, "alert-crash-2.log", true);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> firing(key) == RULES);
    // Every notification delivered (retries included), then a few more evaluations.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> notificationIds().size() >= RULES);
    Thread.sleep(12_000);

    JsonNode history = JSON.readTree(app.get("/api/v1/alerts/history?from=now-1h&limit=10000",
        key));
    Map<String, Long> firings = new HashMap<>();
    for (JsonNode transition : history) {
      if ("firing".equals(transition.get("to").asText())) {
        firings.merge(transition.get("fingerprint").asText(), 1L, Long::sum);
      }
    }
    assertThat(firings.keySet()).as("every rule fired").isEqualTo(fingerprints.keySet());
    assertThat(firings.values()).as("each once").containsOnly(1L);

    Map<String, Set<String>> idsByFingerprint = new HashMap<>();
    for (RecordingReceiver.Received received : receiver.accepted("/hook")) {
      String fingerprint = JSON.readTree(received.body()).get("alerts").get(0)
          .get("fingerprint").asText();
      idsByFingerprint.computeIfAbsent(fingerprint, f -> new HashSet<>())
          .add(received.headers().get("x-strata-notification-id"));
    }
    assertThat(idsByFingerprint.keySet()).as("every alert told").isEqualTo(fingerprints.keySet());
    assertThat(idsByFingerprint.values().stream().map(Set::size).collect(Collectors.toSet()))
        .as("one notification per alert (at %d firing when killed)", firingAtKill)
        .containsExactly(1);
  }

  private int firing(String key) throws Exception {
    int count = 0;
    for (JsonNode alert : JSON.readTree(app.get("/api/v1/alerts", key))) {
      if ("firing".equals(alert.get("state").asText())) {
        count++;
      }
    }
    return count;
  }

  private Set<String> notificationIds() {
    return receiver.accepted("/hook").stream()
        .map(r -> r.headers().get("x-strata-notification-id")).collect(Collectors.toSet());
  }
}
