package io.strata.retention;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.Management;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention against the real pipeline: policies are validated, events are indexed by (day, class),
 * events already past their class are not stored, expiry deletes exactly the expired indexes and
 * records each deletion, and a legal hold keeps what it covers; the native API answers events past
 * every class as rejected; holds and erasures list page by page. Runs every second without a delete
 * delay (test profile); events carry old timestamps instead of waiting for days.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class RetentionIT {

  private static String daysAgo(int days) {
    return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String event(String marker, String service, int daysAgo) {
    return "{\"@timestamp\":\"" + daysAgo(daysAgo) + "\",\"message\":\"" + marker + " " + service
        + " " + daysAgo + "d\",\"service\":\"" + service + "\"}\n";
  }

  private static JsonPath put(String key, String policy, int status) {
    return given().auth().oauth2(key).contentType("application/json").body(policy)
        .when().put("/api/v1/retention").then().statusCode(status).extract().jsonPath();
  }

  private static int total(String key, String q) {
    return Events.search(key, Map.of("q", q, "from", "now-60d", "limit", 100)).getInt("total");
  }

  @Test
  void aPolicyIsValidatedAgainstItsProfileItsCeilingAndTheOperatorsMaximum() {
    String tenant = TestTenants.newTenant("retpol");
    String admin = TestTenants.newKey(tenant, "admin");
    String auditor = TestTenants.newKey(tenant, "audit");

    // The platform default until a policy is set.
    given().auth().oauth2(auditor).when().get("/api/v1/retention").then().statusCode(200)
        .body("updated_at", nullValue()).body("profile", equalTo("none"));

    put(admin, "{\"default_days\":400,\"profile\":\"pci-dss\",\"streams\":[{\"name\":\"debug\","
        + "\"selector\":\"level:DEBUG\",\"days\":14}]}", 400);
    JsonPath refused = given().auth().oauth2(admin).contentType("application/json")
        .body("{\"default_days\":400,\"profile\":\"pci-dss\",\"streams\":[{\"name\":\"debug\","
            + "\"selector\":\"level:DEBUG\",\"days\":14}]}")
        .when().put("/api/v1/retention").then().statusCode(400)
        .contentType(containsString("application/problem+json")).extract().jsonPath();
    assertEquals("debug", refused.getString("stream"));
    assertEquals("streams[0].days", refused.getString("field"));
    assertEquals("pci-dss minimum 365 days", refused.getString("bound"));

    JsonPath ceiling = put(admin, "{\"default_days\":30,\"max_days\":60,\"streams\":[{\"name\":"
        + "\"payments\",\"selector\":\"service:payments\",\"days\":90}]}", 400);
    assertEquals("max_days 60", ceiling.getString("bound"));
    JsonPath badSelector = put(admin, "{\"default_days\":30,\"streams\":[{\"name\":\"x\","
        + "\"selector\":\"service:(\",\"days\":9}]}", 400);
    assertEquals("streams[0].selector", badSelector.getString("field"));

    // An auditor reads but never writes.
    given().auth().oauth2(auditor).contentType("application/json").body("{\"default_days\":30}")
        .when().put("/api/v1/retention").then().statusCode(403);

    JsonPath stored = put(admin, "{\"default_days\":400,\"profile\":\"pci-dss\",\"streams\":["
        + "{\"name\":\"payments\",\"selector\":\"service:payments\",\"days\":2555,\"priority\":10}]}",
        200);
    assertEquals(2555, stored.getInt("streams[0].days"));
    given().auth().oauth2(auditor).when().get("/api/v1/retention").then().statusCode(200)
        .body("streams[0].name", equalTo("payments")).body("profile", equalTo("pci-dss"));

    // The operator's maximum: not below what the policy keeps; a policy above it is refused.
    given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType("application/json")
        .body("{\"max_retention_days\":1000}")
        .when().patch("/api/v1/admin/tenants/" + tenant).then().statusCode(409)
        .body("stream", equalTo("payments"));
    given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType("application/json")
        .body("{\"max_retention_days\":3000}")
        .when().patch("/api/v1/admin/tenants/" + tenant).then().statusCode(200)
        .body("max_retention_days", equalTo(3000));
    JsonPath above = put(admin, "{\"default_days\":400,\"profile\":\"pci-dss\",\"streams\":["
        + "{\"name\":\"payments\",\"selector\":\"service:payments\",\"days\":3650}]}", 400);
    assertEquals("max_retention_days 3000", above.getString("bound"));

    // Every change is in the trail, with the policy.
    String trail = given().auth().oauth2(auditor).queryParam("action", "retention.update")
        .when().get("/api/v1/audit").then().statusCode(200).extract().asString();
    assertTrue(trail.contains("service:payments"), trail);
  }

  @Test
  void expiryDeletesExactlyTheExpiredIndexesAndAHoldKeepsWhatItCovers() {
    String tenant = TestTenants.newTenant("retexp");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin", "audit");
    String other = TestTenants.newTenant("retoth");
    String otherKey = TestTenants.newKey(other, "ingest", "search");
    String m = "re" + UUID.randomUUID().toString().replace("-", "");

    put(key, "{\"default_days\":10,\"streams\":[{\"name\":\"payments\",\"selector\":"
        + "\"service:payments\",\"days\":40}]}", 200);
    Events.ingestNdjson(key, event(m, "payments", 20) + event(m, "checkout", 20)
        + event(m, "payments", 5) + event(m, "checkout", 5));
    Events.ingestNdjson(otherKey, event(m, "payments", 20) + event(m, "checkout", 20));

    // The 20-day-old checkout event was past its class (default, 10 days) when it came: not stored.
    Events.awaitTotal(key, Map.of("q", m, "from", "now-60d"), 3);
    Events.awaitTotal(otherKey, Map.of("q", m, "from", "now-60d"), 2);
    assertEquals(2, total(key, m + " AND service:payments"),
        Events.search(key, Map.of("q", m, "from", "now-60d")).prettify());

    LocalDate old = LocalDate.ofInstant(Instant.now().minus(20, ChronoUnit.DAYS), ZoneOffset.UTC);
    LocalDate recent = LocalDate.ofInstant(Instant.now().minus(5, ChronoUnit.DAYS), ZoneOffset.UTC);
    // Usage counts what the last commit holds (one a second in tests).
    List<String> expected = List.of(old + "/payments", recent + "/default", recent + "/payments");
    await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(key)
        .queryParam("from", "now-60d").when().get("/api/v1/usage").then().statusCode(200)
        .extract().jsonPath()
        .getList("days.findAll { it.events > 0 }.collect { it.day + '/' + it['class'] }")
        .equals(expected));

    // A hold on payments, then a policy under which the old payments index has expired.
    String hold = given().auth().oauth2(key).contentType("application/json")
        .body("{\"name\":\"Case 7\",\"case\":\"C-7\",\"query\":\"service:payments\","
            + "\"from\":\"now-30d\",\"reason\":\"litigation\"}")
        .when().post("/api/v1/holds").then().statusCode(201).extract().path("id");
    put(key, "{\"default_days\":10,\"streams\":[{\"name\":\"payments\",\"selector\":"
        + "\"service:payments\",\"days\":15}]}", 200);
    given().auth().oauth2(key).when().get("/api/v1/retention/preview").then().statusCode(200)
        .body("held.index", hasItem(old + "/payments"))
        .body("held.find { it.index == '" + old + "/payments' }.held_by", hasItem(hold));
    // Runs every second: three runs later the held index is still there.
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertEquals(2, total(key, m + " AND service:payments"));

    // Released: the next run deletes it, and only it.
    given().auth().oauth2(key).when().delete("/api/v1/holds/" + hold).then().statusCode(200)
        .body("active", equalTo(false));
    await().atMost(Duration.ofSeconds(15)).until(() -> total(key, m) == 2);
    assertEquals(1, total(key, m + " AND service:payments"));
    assertEquals(1, total(key, m + " AND service:checkout"));
    assertEquals(2, total(otherKey, m), "another tenant's indexes are never touched");

    JsonPath deletions = given().auth().oauth2(key).queryParam("action", "retention.delete")
        .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    assertEquals(1, deletions.getList("events").size());
    assertEquals(old + "/payments", deletions.getString("events[0].target"));
    assertEquals("1", deletions.getString("events[0].params.events"));
    assertEquals("system", deletions.getString("events[0].actor_type"));
    JsonPath after = given().auth().oauth2(key).queryParam("from", "now-60d")
        .when().get("/api/v1/usage").then().statusCode(200).extract().jsonPath();
    assertEquals(List.of(recent + "/default", recent + "/payments"),
        after.getList("days.collect { it.day + '/' + it['class'] }"));
  }

  @Test
  void theNativeApiRejectsEventsNoClassKeepsAndAcceptsTheirNeighbours() {
    String tenant = TestTenants.newTenant("retarr");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin");
    String m = "ra" + UUID.randomUUID().toString().replace("-", "");
    put(key, "{\"default_days\":10,\"streams\":[{\"name\":\"payments\",\"selector\":"
        + "\"service:payments\",\"days\":40}]}", 200);

    JsonPath answer = Events.ingestNdjson(key, event(m, "checkout", 50) + event(m, "payments", 45)
        + event(m, "checkout", 1) + event(m, "checkout", 20));

    // Past 40 days no class keeps an event: refused, with its line. 20 days is past the default
    // class only: accepted here (the class is chosen when indexing), dropped by the indexer.
    assertEquals(2, answer.getInt("accepted"), answer.prettify());
    assertEquals(2, answer.getInt("rejected"));
    String reason = "older than the 40 days this tenant keeps events (retention)";
    assertEquals(List.of(1, 2), answer.getList("errors.line"));
    assertEquals(List.of(reason, reason), answer.getList("errors.reason"));
    Events.awaitTotal(key, Map.of("q", m, "from", "now-60d"), 1);
    assertEquals(1, total(key, m + " AND service:checkout"));
    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200)
        .extract().asString();
    assertTrue(metrics.contains("strata_ingest_events_expired_total{tenant=\"" + tenant
        + "\"} 2.0"), metrics);
  }

  /** Follows the Link rel="next" headers from {@code path}; the ids in the order visited. */
  private static List<String> pageThrough(String key, String path) {
    List<String> ids = new ArrayList<>();
    String next = path + "?limit=1";
    for (int pages = 0; next != null; pages++) {
      assertTrue(pages < 10, "paging does not end: " + ids);
      var response = given().auth().oauth2(key).when().get(next).then().statusCode(200).extract();
      List<String> page = response.jsonPath().getList("id");
      assertTrue(page.size() <= 1, page.toString());
      ids.addAll(page);
      String link = response.header("Link");
      next = null;
      if (link != null) {
        assertTrue(link.endsWith(">; rel=\"next\""), link);
        // Absolute, at the public URL; the test server may listen elsewhere.
        URI target = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        next = target.getRawPath() + "?" + target.getRawQuery();
      }
    }
    return ids;
  }

  @Test
  void holdsAndErasuresListPageByPageNewestFirstEachOnce() {
    String tenant = TestTenants.newTenant("retpage");
    String key = TestTenants.newKey(tenant, "admin");
    String other = TestTenants.newTenant("retpgo");
    String otherKey = TestTenants.newKey(other, "admin");
    List<String> holds = new ArrayList<>();
    List<String> erasures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      holds.add(0, given().auth().oauth2(key).contentType("application/json")
          .body("{\"name\":\"Case " + i + "\",\"query\":\"service:payments\",\"reason\":\"r\"}")
          .when().post("/api/v1/holds").then().statusCode(201).extract().path("id"));
      erasures.add(0, given().auth().oauth2(key).contentType("application/json")
          .body("{\"query\":\"user.email:\\\"a" + i + "@b.example\\\"\",\"reason\":\"r\"}")
          .when().post("/api/v1/erasures").then().statusCode(202).extract().path("id"));
    }
    given().auth().oauth2(otherKey).contentType("application/json")
        .body("{\"name\":\"Other\",\"query\":\"service:payments\",\"reason\":\"r\"}")
        .when().post("/api/v1/holds").then().statusCode(201);

    assertEquals(holds, pageThrough(key, "/api/v1/holds"));
    assertEquals(erasures, pageThrough(key, "/api/v1/erasures"));
    // Without parameters: today's answer, one array of everything up to 100, no next page.
    var all = given().auth().oauth2(key).when().get("/api/v1/holds").then().statusCode(200)
        .extract();
    assertEquals(holds, all.jsonPath().getList("id"));
    assertNull(all.header("Link"));

    given().auth().oauth2(key).queryParam("limit", 1001).when().get("/api/v1/holds").then()
        .statusCode(400).contentType(containsString("application/problem+json"))
        .body("parameter", equalTo("limit"));
    given().auth().oauth2(key).queryParam("cursor", "not-a-cursor").when().get("/api/v1/erasures")
        .then().statusCode(400).contentType(containsString("application/problem+json"))
        .body("parameter", equalTo("cursor"));
  }
}
