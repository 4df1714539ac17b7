package io.strata.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class SearchIT {

  private String key;
  private String marker;
  private Instant now;

  @BeforeEach
  void tenantWithEvents() {
    String tenant = TestTenants.newTenant("search");
    key = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String body = String.join("\n",
        event(now.minusSeconds(50), "ERROR", "checkout", "payment declined by issuer", 502, 812),
        event(now.minusSeconds(40), "INFO", "checkout", "order placed", 200, 35),
        event(now.minusSeconds(30), "WARN", "shipping", "label printer slow", 200, 410),
        event(now.minusSeconds(20), "ERROR", "payments", "payment gateway timeout", 504, 30001),
        event(now.minusSeconds(10), "DEBUG", "search", "query parsed", 200, 3),
        event(now.minus(3, ChronoUnit.DAYS), "INFO", "checkout", "old order placed", 200, 12)) + "\n";
    Events.ingestNdjson(key, body);
    Events.awaitTotal(key, Map.of("q", marker, "from", "now-7d"), 6);
  }

  private String event(Instant at, String level, String service, String message, int status,
      int durationMs) {
    return "{\"@timestamp\":\"" + at + "\",\"level\":\"" + level + "\",\"service\":\"" + service
        + "\",\"message\":\"" + message + " " + marker + "\",\"http\":{\"status\":" + status
        + "},\"duration_ms\":" + durationMs + "}";
  }

  private List<String> messages(String q, String from) {
    JsonPath answer = Events.search(key, Map.of("q", marker + " AND (" + q + ")", "from", from));
    List<String> messages = new ArrayList<>();
    for (String m : answer.getList("events.message", String.class)) {
      messages.add(m.replace(" " + marker, ""));
    }
    return messages;
  }

  @Test
  void totalCountsTheWholeRangeExactlyUpToTenThousandEvenWhenThePageIsFull() {
    String many = "n" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      body.append("{\"@timestamp\":\"").append(now.minusSeconds(i + 1))
          .append("\",\"message\":\"today ").append(many).append("\"}\n");
    }
    for (int i = 0; i < 20; i++) {
      body.append("{\"@timestamp\":\"").append(now.minus(2, ChronoUnit.DAYS).minusSeconds(i))
          .append("\",\"message\":\"earlier ").append(many).append("\"}\n");
    }
    Events.ingestNdjson(key, body.toString());
    Map<String, Object> firstPage = Map.of("q", many, "from", "now-7d", "limit", 10);
    JsonPath first = Events.awaitTotal(key, firstPage, 50);

    // The page was full after the newest day, yet the older one is counted too.
    assertThat(first.getString("total_relation")).isEqualTo("eq");
    assertThat(first.getList("events")).hasSize(10);
    JsonPath deep = first;
    for (int page = 0; page < 3; page++) {
      deep = Events.search(key, Map.of("q", many, "from", "now-7d", "limit", 10,
          "cursor", deep.getString("cursor")));
    }
    assertThat(deep.getList("events.message", String.class)).allMatch(m -> m.startsWith("earlier"));
    assertThat(deep.getInt("total")).isEqualTo(50);
    assertThat(deep.getString("total_relation")).isEqualTo("eq");
  }

  @Test
  void totalBeyondTenThousandIsAtLeastTenThousand() {
    String many = "n" + UUID.randomUUID().toString().replace("-", "");
    for (int day = 0; day < 2; day++) {
      StringBuilder body = new StringBuilder();
      Instant base = now.minus(day * 2L, ChronoUnit.DAYS).minusSeconds(1);
      for (int i = 0; i < 6_000; i++) {
        body.append("{\"@timestamp\":\"").append(base.minusMillis(i))
            .append("\",\"message\":\"").append(many).append("\"}\n");
      }
      assertThat(Events.ingestNdjson(key, body.toString()).getInt("accepted")).isEqualTo(6_000);
    }
    Map<String, Object> params = Map.of("q", many, "from", "now-7d", "limit", 5);
    JsonPath answer = Events.awaitTotal(key, Map.of("q", many, "from", "now-1d"), 6_000);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonPath all = Events.search(key, params);
      assertThat(all.getLong("total")).isGreaterThanOrEqualTo(10_000);
      assertThat(all.getString("total_relation")).isEqualTo("gte");
    });
    assertThat(answer.getString("total_relation")).isEqualTo("eq");
  }

  @Test
  void newestFirstWithinTheDefaultLast24Hours() {
    JsonPath answer = Events.search(key, Map.of("q", marker));
    assertThat(answer.getInt("total")).isEqualTo(5);
    assertThat(answer.getString("total_relation")).isEqualTo("eq");
    assertThat(answer.getList("events.message", String.class)).extracting(m -> m.replace(" " + marker, ""))
        .containsExactly("query parsed", "payment gateway timeout", "label printer slow",
            "order placed", "payment declined by issuer");
    assertThat(answer.getString("cursor")).isNull();
    assertThat(answer.getLong("took_ms")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void fieldTermsBooleansPhrasesAndWildcards() {
    assertThat(messages("level:ERROR AND service:checkout", "now-1h"))
        .containsExactly("payment declined by issuer");
    assertThat(messages("level:error", "now-1h")).hasSize(2);
    assertThat(messages("service:checkout OR service:shipping", "now-1h")).hasSize(3);
    assertThat(messages("payment NOT service:payments", "now-1h"))
        .containsExactly("payment declined by issuer");
    assertThat(messages("\"gateway timeout\"", "now-1h")).containsExactly("payment gateway timeout");
    assertThat(messages("\"timeout gateway\"", "now-1h")).isEmpty();
    assertThat(messages("pay*", "now-1h")).hasSize(2);
    assertThat(messages("service:ship*", "now-1h")).containsExactly("label printer slow");
  }

  @Test
  void numericRangesAndComparisons() {
    assertThat(messages("http.status:[500 TO 599]", "now-1h")).hasSize(2);
    assertThat(messages("http.status:{502 TO 599]", "now-1h")).containsExactly("payment gateway timeout");
    assertThat(messages("duration_ms:>410", "now-1h")).hasSize(2);
    assertThat(messages("duration_ms:>=410", "now-1h")).hasSize(3);
    assertThat(messages("duration_ms:<35", "now-1h")).containsExactly("query parsed");
    assertThat(messages("http.status:504", "now-1h")).containsExactly("payment gateway timeout");
  }

  @Test
  void timeRangeSelectsOnlyTheEventsInside() {
    assertThat(messages("*:*", "now-7d")).hasSize(6).contains("old order placed");
    assertThat(messages("*:*", now.minusSeconds(25).toString())).containsExactly("query parsed", "payment gateway timeout");
    String from = Instant.now().minus(4, ChronoUnit.DAYS).toString();
    String to = Instant.now().minus(2, ChronoUnit.DAYS).toString();
    JsonPath old = Events.search(key, Map.of("q", marker, "from", from, "to", to));
    assertThat(old.getInt("total")).isEqualTo(1);
  }

  @Test
  void cursorPagesThroughEverythingOnceWhileNewEventsArrive() {
    String tenant = TestTenants.newTenant("paging");
    String pagingKey = TestTenants.newKey(tenant, "ingest", "search");
    StringBuilder body = new StringBuilder();
    Instant base = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 25; i++) {
      // Pairs share a timestamp: the sequence number must break the tie.
      body.append("{\"@timestamp\":\"").append(base.plusSeconds(i / 2)).append("\",\"n\":").append(i)
          .append(",\"message\":\"page ").append(marker).append("\"}\n");
    }
    Events.ingestNdjson(pagingKey, body.toString());
    Events.awaitTotal(pagingKey, Map.of("q", marker), 25);

    Set<Integer> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, Object> params = cursor == null ? Map.of("q", marker, "limit", 10)
          : Map.of("q", marker, "limit", 10, "cursor", cursor);
      JsonPath page = Events.search(pagingKey, params);
      List<Integer> ns = page.getList("events.n", Integer.class);
      for (Integer n : ns) {
        assertThat(seen.add(n)).as("event %d seen twice", n).isTrue();
      }
      cursor = page.getString("cursor");
      pages++;
      // Newer events arriving between pages must not shift the pages already served.
      Events.ingestNdjson(pagingKey, "{\"message\":\"page " + marker + " late\",\"n\":" + (100 + pages) + "}\n");
    } while (cursor != null && pages < 10);
    assertThat(seen).hasSize(25).allMatch(n -> n < 25);
  }

  @Test
  void postTakesTheSameFieldsAsJson() {
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("q", marker + " AND level:ERROR", "from", "now-1h", "limit", 1))
        .when().post("/api/v1/search")
        .then().statusCode(200).body("events.size()", equalTo(1)).body("total", equalTo(2))
        .body("cursor", notNullValue());
  }

  @Test
  void badParametersAreProblemsThatSayWhere() {
    given().auth().oauth2(key).queryParam("q", "service:(checkout")
        .when().get("/api/v1/search")
        .then().statusCode(400).contentType("application/problem+json")
        .body("parameter", equalTo("q")).body("column", notNullValue());
    given().auth().oauth2(key).queryParam("limit", 5000).when().get("/api/v1/search")
        .then().statusCode(400).body("parameter", equalTo("limit"));
    given().auth().oauth2(key).queryParam("limit", "ten").when().get("/api/v1/search")
        .then().statusCode(400).body("parameter", equalTo("limit"));
    given().auth().oauth2(key).queryParam("from", "yesterday-ish").when().get("/api/v1/search")
        .then().statusCode(400).body("parameter", equalTo("from"));
    given().auth().oauth2(key).queryParam("from", "now").queryParam("to", "now-1h")
        .when().get("/api/v1/search").then().statusCode(400);
    given().auth().oauth2(key).queryParam("cursor", "bm90LWEtY3Vyc29y").when().get("/api/v1/search")
        .then().statusCode(400).body("parameter", equalTo("cursor"));
  }

  @Test
  void searchNeedsTheSearchScope() {
    String tenant = TestTenants.newTenant("scopes");
    String ingestOnly = TestTenants.newKey(tenant, "ingest");
    given().auth().oauth2(ingestOnly).when().get("/api/v1/search").then().statusCode(403);
    given().auth().oauth2(TestTenants.OPERATOR_KEY).when().get("/api/v1/search").then().statusCode(403);
  }
}
