package io.strata.tail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.strata.testing.Events;
import io.strata.testing.Management;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Live tail through the real pipeline (ingest, Kafka, indexer): what arrives, what does not, the
 * per-tenant limit, and a client that stops reading. The test profile allows 2 tails per tenant, a
 * client buffer of 20 events and a heartbeat every second (application.properties).
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TailIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SseClient open(String key, String q) {
    return SseClient.open(RestAssured.port, key, q, 0);
  }

  /** Opens a tail and waits for its opening comment: from then on what is ingested can reach it. */
  private static SseClient follow(String key, String q, int receiveBufferBytes) {
    SseClient tail = SseClient.open(RestAssured.port, key, q, receiveBufferBytes);
    assertThat(tail.status()).as(tail.body()).isEqualTo(200);
    assertThat(tail.header("Content-Type")).startsWith("text/event-stream");
    tail.await(e -> "tail open".equals(e.comment()), WAIT);
    return tail;
  }

  private static Map<String, Object> json(String text) throws IOException {
    return JSON.readValue(text, new TypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> searchEvents(String key, String q) throws IOException {
    String answer = given().auth().oauth2(key).queryParam("q", q).when().get("/api/v1/search")
        .then().statusCode(200).extract().asString();
    return (List<Map<String, Object>>) json(answer).get("events");
  }

  @Test
  void matchingEventsArriveWithinSecondsAsOneLineOfJsonAndNothingElseDoes() throws Exception {
    String key = TestTenants.newKey(TestTenants.newTenant("tail"), "ingest", "search");
    String q = "service:checkout AND level:error";
    try (SseClient tail = follow(key, q, 0)) {
      long sent = System.nanoTime();
      Events.ingestNdjson(key, String.join("\n",
          "{\"level\":\"error\",\"service\":\"checkout\","
              + "\"message\":\"card declined\\nfor order 1001\",\"http\":{\"status\":502}}",
          "{\"level\":\"info\",\"service\":\"checkout\",\"message\":\"order placed\"}",
          "{\"level\":\"error\",\"service\":\"payments\",\"message\":\"gateway timeout\"}",
          "{\"level\":\"ERR\",\"service\":\"checkout\",\"message\":\"payment failed\","
              + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}",
          "checkout ERROR plain text lines match the message only") + "\n");
      List<SseClient.Event> arrived = tail.awaitData(2, WAIT);
      long millis = (System.nanoTime() - sent) / 1_000_000;
      System.out.printf("Live tail: 2 events arrived %d ms after the ingest request was sent%n",
          millis);
      assertThat(millis).as("arrival after ingest, ms").isLessThan(5_000);

      List<Map<String, Object>> events = new ArrayList<>();
      for (SseClient.Event event : arrived) {
        assertThat(event.dataLines()).as("one data line per event").isEqualTo(1);
        assertThat(event.name()).isNull();
        Map<String, Object> fields = json(event.data());
        assertThat(event.id()).isEqualTo(fields.get("_id"));
        assertThat(fields).containsKeys("@timestamp", "ingested_at", "_id");
        events.add(fields);
      }
      // Ingest order, unless the two indexing threads straddled a pass: then a pass apart.
      events.sort(Comparator.comparing(e -> (String) e.get("message")));
      assertThat(events).extracting(e -> e.get("message"))
          .containsExactly("card declined\nfor order 1001", "payment failed");
      assertThat(events.get(0)).containsEntry("http.status", 502).containsEntry("level", "ERROR");
      assertThat(events.get(1)).containsEntry("level_original", "ERR")
          .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");

      // Exactly what search shows for the same events, ids included.
      Events.awaitTotal(key, Map.of("q", ""), 5);
      List<Map<String, Object>> searched = searchEvents(key, q);
      assertThat(searched).hasSize(2);
      assertThat(events).containsExactlyInAnyOrderElementsOf(searched);

      // All five are indexed: the three others had their chance and did not come.
      Thread.sleep(1_000);
      assertThat(tail.dataEvents()).hasSize(2);
    }
  }

  @Test
  void anotherTenantsEventsNeverArrive() throws Exception {
    String mine = TestTenants.newKey(TestTenants.newTenant("tail-a"), "ingest", "search");
    String theirs = TestTenants.newKey(TestTenants.newTenant("tail-b"), "ingest", "search");
    try (SseClient tail = follow(mine, "", 0)) {
      Events.ingestNdjson(theirs, "{\"service\":\"checkout\",\"message\":\"not yours\"}\n"
          + "{\"service\":\"checkout\",\"message\":\"not yours either\"}\n");
      Events.ingestNdjson(mine, "{\"service\":\"checkout\",\"message\":\"yours\"}\n");
      tail.awaitData(1, WAIT);
      Events.awaitTotal(theirs, Map.of("q", ""), 2);
      Thread.sleep(1_000);
      assertThat(SseClient.data(tail.events())).hasSize(1)
          .allSatisfy(data -> assertThat(json(data)).containsEntry("message", "yours"));
    }
  }

  @Test
  void aTenantsTailsAreLimitedWithA429ProblemUntilOneCloses() {
    String key = TestTenants.newKey(TestTenants.newTenant("tail-limit"), "search");
    String other = TestTenants.newKey(TestTenants.newTenant("tail-other"), "search");
    try (SseClient first = follow(key, "level:error", 0);
        SseClient second = follow(key, "", 0)) {
      try (SseClient third = open(key, "")) {
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Content-Type")).startsWith("application/problem+json");
        assertThat(third.header("Retry-After")).isNotBlank();
        Map<String, Object> problem = json(third.body());
        assertThat(problem).containsEntry("status", 429).containsEntry("limit", 2)
            .containsEntry("instance", "/api/v1/tail");
        assertThat((String) problem.get("type")).endsWith("/too-many-tails");
        assertThat((String) problem.get("detail")).contains("2 live tails");
      }
      // The limit is per tenant.
      try (SseClient elsewhere = follow(other, "", 0)) {
        assertThat(elsewhere.status()).isEqualTo(200);
      }
      first.close();
      SseClient[] next = new SseClient[1];
      org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            SseClient attempt = open(key, "");
            if (attempt.status() == 200) {
              next[0] = attempt;
              return true;
            }
            attempt.close();
            return false;
          });
      next[0].await(e -> "tail open".equals(e.comment()), WAIT);
      next[0].close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aStalledClientIsToldHowManyEventsItMissedAndIngestNeverWaitsForIt() throws Exception {
    String tenant = TestTenants.newTenant("tail-slow");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String padding = "x".repeat(20_000);
    // A small receive buffer, so that the connection is full after a few megabytes at most.
    try (SseClient tail = follow(key, "service:flood", 4096)) {
      tail.pause();
      int sent = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (droppedForSlowClient(tenant) == 0) {
        assertThat(System.nanoTime()).as("the tail should have dropped events by now")
            .isLessThan(deadline);
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 40; i++, sent++) {
          batch.append("{\"service\":\"flood\",\"message\":\"flood ").append(sent).append(' ')
              .append(padding).append("\"}\n");
        }
        Events.ingestNdjson(key, batch.toString()); // 200 each time: ingest does not wait
        Thread.sleep(150);
      }
      Events.awaitTotal(key, Map.of("q", "service:flood"), sent);
      Thread.sleep(1_000); // the last passes have run: everything is delivered or counted

      tail.resume();
      SseClient.Event dropped = tail.await(e -> "dropped".equals(e.name()), WAIT);
      assertThat(dropped.dataLines()).isEqualTo(1);
      long missed = ((Number) json(dropped.data()).get("missed")).longValue();
      assertThat(missed).isPositive();

      Events.ingestNdjson(key, "{\"service\":\"flood\",\"message\":\"after the gap\"}\n");
      SseClient.Event after =
          tail.await(e -> e.isData() && e.data().contains("after the gap"), WAIT);
      List<SseClient.Event> events = tail.events();
      assertThat(events.indexOf(after)).isGreaterThan(events.indexOf(dropped));

      // Every flood event was either delivered or counted as missed.
      long delivered = events.stream()
          .filter(e -> e.isData() && e.name() == null && e.data().contains("flood ")).count();
      long missedInAll = events.stream().filter(e -> "dropped".equals(e.name()))
          .mapToLong(e -> {
            try {
              return ((Number) json(e.data()).get("missed")).longValue();
            } catch (IOException x) {
              throw new AssertionError(x);
            }
          }).sum();
      System.out.printf("Live tail, stalled client: %d events sent, %d delivered, %d missed%n",
          sent, delivered, missedInAll);
      assertThat(delivered + missedInAll).isEqualTo(sent);
    }
  }

  private static double droppedForSlowClient(String tenant) {
    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
    return metrics.lines()
        .filter(l -> l.startsWith("strata_tail_dropped_total{") && l.contains("tenant=\"" + tenant
            + "\"") && l.contains("reason=\"slow-client\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void anIdleTailGetsHeartbeats() {
    String key = TestTenants.newKey(TestTenants.newTenant("tail-idle"), "search");
    try (SseClient tail = follow(key, "", 0)) {
      tail.await(e -> "keep-alive".equals(e.comment()), Duration.ofSeconds(5));
      assertThat(tail.dataEvents()).isEmpty();
    }
  }

  @Test
  void aTailNeedsAKeyWithTheSearchScopeAndAValidQuery() {
    String tenant = TestTenants.newTenant("tail-auth");
    String ingestOnly = TestTenants.newKey(tenant, "ingest");
    String search = TestTenants.newKey(tenant, "search");
    given().accept("text/event-stream").when().get("/api/v1/tail")
        .then().statusCode(401).contentType("application/problem+json");
    given().accept("text/event-stream").auth().oauth2(ingestOnly).when().get("/api/v1/tail")
        .then().statusCode(403).contentType("application/problem+json");
    given().accept("text/event-stream").auth().oauth2(search).queryParam("q", "level:(error")
        .when().get("/api/v1/tail")
        .then().statusCode(400).contentType("application/problem+json")
        .body("status", equalTo(400)).body("detail", containsString("could not be parsed"))
        .body("type", endsWith("malformed-query")).body("parameter", equalTo("q"));
  }
}
