package io.strata.search;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 9 over HTTP, against every endpoint that takes {@code q}: each is a 400
 * problem naming the limit, and a tenant's expensive tails hold up nobody else's ingest. Speed is
 * not asserted; that the attacks are answered at all within the test's patience is the point.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class QueryLimitsIT {

  private static final String REPEAT_ATTACK = "/a{1,100000}/";
  private static final String DEPTH_ATTACK = "(".repeat(5000) + "a" + ")".repeat(5000);
  private static final String LONG_ATTACK = "error ".repeat(20 * 1024 / 6 + 1);
  /** Allowed, but each of its ten regular expressions costs Lucene tens of milliseconds. */
  private static final String EXPENSIVE_BUT_ALLOWED =
      String.join(" OR ", Collections.nCopies(10, "/(.*a){1,10}(.*b){1,10}(.*c){1,10}/"));

  private static String key;
  private static String eventId;

  /** One tenant with one event, whose id the context endpoint needs, for the whole class. */
  @BeforeEach
  void tenantWithAnEvent() {
    if (key != null) {
      return;
    }
    String tenant = TestTenants.newTenant("qlimits");
    String newKey = TestTenants.newKey(tenant, "ingest", "search");
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    Events.ingestNdjson(newKey, "{\"@timestamp\":\"" + Instant.now() + "\",\"service\":\"api\","
        + "\"message\":\"query limits " + marker + "\"}\n");
    eventId = Events.awaitTotal(newKey, Map.of("q", marker), 1).getString("events[0]._id");
    key = newKey;
  }

  /** Every endpoint that reads {@code q} from the URL, sending {@code q}. */
  private Map<String, Function<String, Response>> getEndpoints() {
    Map<String, Function<String, Response>> endpoints = new LinkedHashMap<>();
    for (String path : List.of("/api/v1/search", "/api/v1/histogram", "/api/v1/facets",
        "/api/v1/export", "/api/v1/events/" + eventId + "/context", "/api/v1/trace/4bf92f3577b34da6")) {
      endpoints.put("GET " + path,
          q -> given().auth().oauth2(key).queryParam("q", q).when().get(path));
    }
    endpoints.put("GET /api/v1/tail", q -> given().auth().oauth2(key).accept("text/event-stream")
        .queryParam("q", q).when().get("/api/v1/tail"));
    endpoints.put("POST /api/v1/search", q -> given().auth().oauth2(key)
        .contentType(ContentType.JSON).body(Map.of("q", q)).when().post("/api/v1/search"));
    return endpoints;
  }

  private void refusedEverywhere(String q, String limit, String detail) {
    getEndpoints().forEach((endpoint, send) -> send.apply(q).then()
        .statusCode(400).contentType("application/problem+json")
        .body("type", endsWith("/query-too-complex")).body("status", equalTo(400))
        .body("limit", equalTo(limit)).body("parameter", equalTo("q"))
        .body("detail", containsString(detail)));
  }

  @Test
  void aHugeRegexpRepeatIsRefusedEverywhere() {
    refusedEverywhere(REPEAT_ATTACK, "regexp-repeat",
        "A regular expression repeats up to 100 times at most ({1,100000} at column 2).");
  }

  @Test
  void fiveThousandNestedParenthesesAreRefusedEverywhere() {
    refusedEverywhere(DEPTH_ATTACK, "depth", "Parentheses nest deeper than 32 levels (column 32).");
  }

  @Test
  void aTwentyKilobyteQueryIsRefusedEverywhere() {
    refusedEverywhere(LONG_ATTACK, "q-length", "The query is longer than 16384 characters.");
  }

  @Test
  void twoHundredThousandWordsArePostedAndRefused() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      words.append("w").append(i % 1000).append(' ');
    }
    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("q", words.toString()))
        .when().post("/api/v1/search")
        .then().statusCode(400).contentType("application/problem+json")
        .body("limit", equalTo("q-length"))
        .body("detail", equalTo("The query is longer than 16384 characters."));
  }

  @Test
  void aSavedSearchIsRefusedAQueryOverTheLimitsOnCreateAndReplace() {
    String path = "/api/v1/saved-searches";
    for (Map.Entry<String, String> attack : Map.of(REPEAT_ATTACK, "regexp-repeat",
        "(".repeat(2000) + "a" + ")".repeat(2000), "depth").entrySet()) {
      given().auth().oauth2(key).contentType(ContentType.JSON)
          .body(Map.of("name", "attack", "q", attack.getKey()))
          .when().post(path)
          .then().statusCode(400).contentType("application/problem+json")
          .body("type", endsWith("/query-too-complex")).body("limit", equalTo(attack.getValue()))
          .body("field", equalTo("q"));
    }
    // Saved searches keep at most 4,096 characters of q: that rule answers first.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "attack", "q", LONG_ATTACK))
        .when().post(path)
        .then().statusCode(400).contentType("application/problem+json")
        .body("field", equalTo("q")).body("detail", containsString("longer than 4096 characters"));

    String id = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "fine " + UUID.randomUUID(), "q", "/err.r/ AND service:api"))
        .when().post(path)
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "fine", "q", REPEAT_ATTACK))
        .when().put(path + "/" + id)
        .then().statusCode(400).contentType("application/problem+json")
        .body("limit", equalTo("regexp-repeat")).body("field", equalTo("q"));
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "fine", "q", "level:(error"))
        .when().put(path + "/" + id)
        .then().statusCode(400).contentType("application/problem+json")
        .body("type", endsWith("/malformed-query")).body("field", equalTo("q"));
    given().auth().oauth2(key).when().get(path + "/" + id)
        .then().statusCode(200).body("q", equalTo("/err.r/ AND service:api"));
  }

  @Test
  void ordinaryQueriesNearTheLimitsStillWork() {
    for (String q : List.of("/quer.?/", "/li[a-z]{2,5}/ AND service:api",
        "(".repeat(30) + "query" + ")".repeat(30))) {
      assertThat(Events.search(key, Map.of("q", q)).getInt("total")).as(q).isEqualTo(1);
    }
  }

  @Test
  void aTenantAtItsTailLimitIsRefusedBeforeItsQueryIsParsed() throws Exception {
    // The test profile allows 2 tails per tenant.
    String tailer = TestTenants.newKey(TestTenants.newTenant("qlimits-tail"), "search");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<InputStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        HttpResponse<InputStream> tail = http.send(tailRequest(tailer, "level:ERROR"),
            HttpResponse.BodyHandlers.ofInputStream());
        open.add(tail.body());
        assertThat(tail.statusCode()).isEqualTo(200);
      }
      given().auth().oauth2(tailer).accept("text/event-stream").queryParam("q", REPEAT_ATTACK)
          .when().get("/api/v1/tail")
          .then().statusCode(429).contentType("application/problem+json")
          .body("type", endsWith("/too-many-tails"));
    } finally {
      closeAll(open);
    }
  }

  @Test
  void ingestAnswersWhileExpensiveTailsAreBeingOpened() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<InputStream>>> tails = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String tailer = TestTenants.newKey(TestTenants.newTenant("qlimits-busy"), "search");
      for (int i = 0; i < 2; i++) {
        tails.add(http.sendAsync(tailRequest(tailer, EXPENSIVE_BUT_ALLOWED),
            HttpResponse.BodyHandlers.ofInputStream()));
      }
    }
    List<InputStream> open = new ArrayList<>();
    try {
      String other = TestTenants.newKey(TestTenants.newTenant("qlimits-ingest"), "ingest", "search");
      String marker = "m" + UUID.randomUUID().toString().replace("-", "");
      assertThat(Events.ingestNdjson(other, "{\"@timestamp\":\"" + Instant.now()
          + "\",\"message\":\"still here " + marker + "\"}\n").getInt("accepted")).isEqualTo(1);
      Events.awaitTotal(other, Map.of("q", marker), 1);
      for (CompletableFuture<HttpResponse<InputStream>> tail : tails) {
        HttpResponse<InputStream> response = tail.get(2, TimeUnit.MINUTES);
        open.add(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
      }
    } finally {
      for (CompletableFuture<HttpResponse<InputStream>> tail : tails) {
        tail.thenAccept(response -> closeQuietly(response.body()));
      }
      closeAll(open);
    }
  }

  private static HttpRequest tailRequest(String key, String q) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
            + "/api/v1/tail?q=" + URLEncoder.encode(q, UTF_8)))
        .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
        .timeout(Duration.ofMinutes(2)).GET().build();
  }

  private static void closeAll(List<InputStream> streams) {
    streams.forEach(QueryLimitsIT::closeQuietly);
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // The tail is gone either way.
    }
  }
}
