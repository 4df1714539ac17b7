package io.strata.retention;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GDPR erasure against the real pipeline: a request waits out its cancel window, then every
 * matching event (and only those) is gone from search, export, context and trace, the receipt adds
 * up and its hash is in the audit chain; a legal hold blocks it; another tenant is never touched.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ErasureIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static String event(String marker, String user, int daysAgo, int n) {
    return "{\"@timestamp\":\"" + Instant.now().minus(daysAgo, ChronoUnit.DAYS)
        .plusMillis(n).truncatedTo(ChronoUnit.MILLIS) + "\",\"message\":\"" + marker + " event "
        + n + "\",\"user\":{\"email\":\"" + user + "\"},\"service\":\"shop\",\"trace_id\":\""
        + TRACE + "\"}\n";
  }

  private static JsonPath request(String key, String body, int status) {
    return given().auth().oauth2(key).contentType("application/json").body(body)
        .when().post("/api/v1/erasures").then().statusCode(status).extract().jsonPath();
  }

  private static JsonPath awaitState(String key, String id, String state) {
    JsonPath[] last = new JsonPath[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = given().auth().oauth2(key).when().get("/api/v1/erasures/" + id).then()
          .statusCode(200).extract().jsonPath();
      return state.equals(last[0].getString("state"));
    });
    return last[0];
  }

  private static int total(String key, String q) {
    return Events.search(key, Map.of("q", q, "from", "now-30d", "limit", 100)).getInt("total");
  }

  @Test
  void anErasureRemovesEveryMatchingEventAndOnlyThoseAndIssuesAReceipt() throws Exception {
    String tenant = TestTenants.newTenant("erase");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin", "audit");
    String other = TestTenants.newTenant("eraseo");
    String otherKey = TestTenants.newKey(other, "ingest", "search");
    String m = "er" + UUID.randomUUID().toString().replace("-", "");
    String subject = "a@b.example";
    StringBuilder body = new StringBuilder();
    for (int n = 0; n < 6; n++) {
      // Two days, the subject's events between the others'.
      body.append(event(m, n % 3 == 1 ? subject : "other" + n + "@b.example", n < 3 ? 2 : 1, n));
    }
    Events.ingestNdjson(key, body.toString());
    Events.ingestNdjson(otherKey, event(m, subject, 1, 0) + event(m, "x@b.example", 1, 1));
    Events.awaitTotal(key, Map.of("q", m, "from", "now-30d"), 6);
    Events.awaitTotal(otherKey, Map.of("q", m, "from", "now-30d"), 2);
    String neighbour = Events.search(key, Map.of("q", m + " AND \"event 3\"", "from", "now-30d"))
        .getString("events[0]._id");

    // Refused: everything, nothing named, more than the allowed share (50% in tests).
    assertEquals("query", request(key, "{\"query\":\"*:*\",\"reason\":\"r\"}", 400)
        .getString("field"));
    assertEquals("query", request(key, "{\"reason\":\"r\"}", 400).getString("field"));
    assertEquals("query", request(key, "{\"query\":\"service:shop\",\"from\":\"now-30d\","
        + "\"reason\":\"r\"}", 400).getString("field"));
    assertEquals("reason", request(key, "{\"query\":\"user.email:x\"}", 400).getString("field"));

    // A request cancelled within its window never runs.
    String cancelled = request(key, "{\"query\":\"user.email:\\\"other0@b.example\\\"\","
        + "\"from\":\"now-30d\",\"reason\":\"changed mind\"}", 202).getString("id");
    given().auth().oauth2(key).when().delete("/api/v1/erasures/" + cancelled).then()
        .statusCode(200).body("state", equalTo("cancelled"));
    given().auth().oauth2(key).when().delete("/api/v1/erasures/" + cancelled).then()
        .statusCode(409);

    JsonPath accepted = request(key, "{\"query\":\"user.email:\\\"" + subject + "\\\"\","
        + "\"from\":\"now-30d\",\"reason\":\"Art. 17 request #12\"}", 202);
    assertEquals("pending", accepted.getString("state"));
    String id = accepted.getString("id");
    awaitState(key, id, "completed");

    assertEquals(0, total(key, "user.email:\"" + subject + "\""));
    assertEquals(4, total(key, m), "only the subject's events are gone");
    assertEquals(4, total(key, "user.email:other0@b.example OR " + m));
    assertEquals(2, total(otherKey, m), "another tenant's events are never touched");
    String export = given().auth().oauth2(key).queryParam("q", m).queryParam("from", "now-30d")
        .queryParam("format", "ndjson").when().get("/api/v1/export").then().statusCode(200)
        .extract().asString();
    assertFalse(export.contains(subject), export);
    String trace = given().auth().oauth2(key).queryParam("from", "now-30d")
        .when().get("/api/v1/trace/" + TRACE).then().statusCode(200).extract().asString();
    assertFalse(trace.contains(subject), trace);
    String context = given().auth().oauth2(key).queryParam("before", 10).queryParam("after", 10)
        .when().get("/api/v1/events/" + neighbour + "/context").then().statusCode(200)
        .extract().asString();
    assertFalse(context.contains(subject), context);
    assertEquals(0, total(key, m + " AND user.email:\"" + subject + "\""));

    // The receipt adds up, and its hash is the one in the audit chain.
    ObjectNode receipt = (ObjectNode) JSON.readTree(given().auth().oauth2(key)
        .when().get("/api/v1/erasures/" + id + "/receipt").then().statusCode(200).extract()
        .asString());
    assertEquals(2, receipt.at("/counts/matched").asInt());
    assertEquals(2, receipt.at("/counts/deleted").asInt());
    assertEquals(0, receipt.at("/counts/remaining").asInt());
    assertEquals(2, receipt.get("indexes").size(), receipt.toString());
    assertEquals(subject, receipt.at("/request/query").asText().replaceAll(".*\"(.*)\"", "$1"));
    String sha256 = receipt.get("receipt_sha256").asText();
    ObjectNode hashed = receipt.deepCopy();
    hashed.remove(List.of("audit", "receipt_sha256"));
    ObjectMapper canonical = new ObjectMapper()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    String text = canonical.writeValueAsString(canonical.treeToValue(hashed, TreeMap.class));
    assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    JsonPath completed = given().auth().oauth2(key).queryParam("action", "erasure.complete")
        .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    assertEquals(sha256, completed.getString("events[0].params.receipt_sha256"));
    assertEquals(receipt.at("/audit/seq").asLong(), completed.getLong("events[0].seq"));
  }

  @Test
  void aLegalHoldBlocksAnErasureOfTheEventsItCovers() {
    String tenant = TestTenants.newTenant("erhold");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin", "audit");
    String m = "eh" + UUID.randomUUID().toString().replace("-", "");
    Events.ingestNdjson(key, event(m, "c@d.example", 1, 0) + event(m, "e@d.example", 1, 1)
        + event(m, "f@d.example", 1, 2));
    Events.awaitTotal(key, Map.of("q", m, "from", "now-30d"), 3);
    String hold = given().auth().oauth2(key).contentType("application/json")
        .body("{\"name\":\"Case 9\",\"query\":\"user.email:\\\"c@d.example\\\"\",\"reason\":\"r\"}")
        .when().post("/api/v1/holds").then().statusCode(201).extract().path("id");

    String id = request(key, "{\"query\":\"user.email:\\\"c@d.example\\\"\",\"from\":"
        + "\"now-30d\",\"reason\":\"Art. 17\"}", 202).getString("id");
    JsonPath blocked = awaitState(key, id, "blocked_by_hold");
    assertEquals("blocked by legal hold " + hold, blocked.getString("detail"));
    assertEquals(3, total(key, m));
    given().auth().oauth2(key).queryParam("action", "erasure.block").when().get("/api/v1/audit")
        .then().statusCode(200).body("events.target", hasItem(id));
  }
}
