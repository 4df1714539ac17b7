package io.strata.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class AlertRulesIT {

  private static final String PATH = "/api/v1/alerts/rules";

  private static Map<String, Object> rule(Object... overrides) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "Checkout errors",
        "query", "level:ERROR AND service:checkout", "kind", "threshold", "window", "5m",
        "every", "1m", "condition", Map.of("op", ">", "value", 10),
        "group_by", List.of("service"), "for", "2m", "severity", "critical",
        "channels", List.of()));
    body.putAll(Map.of("renotify", "4h", "labels", Map.of("team", "payments"),
        "description", "More than 10 errors in 5 minutes",
        "runbook_url", "https://wiki.example/checkout", "enabled", true));
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        body.remove((String) overrides[i]);
      } else {
        body.put((String) overrides[i], overrides[i + 1]);
      }
    }
    return body;
  }

  private static String create(String key, Map<String, Object> body) {
    return given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post(PATH).then().statusCode(201).extract().path("id");
  }

  private static JsonPath preview(String key, Map<String, Object> body) {
    return given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post(PATH + "/preview").then().statusCode(200).extract().jsonPath();
  }

  private static List<Map<String, Object>> trail(String key, String action) {
    return given().auth().oauth2(key).queryParam("action", action).when().get("/api/v1/audit")
        .then().statusCode(200).extract().jsonPath().getList("events");
  }

  @Test
  void createListGetReplaceDeleteRoundTripIsAudited() {
    String tenant = TestTenants.newTenant("alerts");
    String key = TestTenants.newKey(tenant, "search", "audit");
    String oncall = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "oncall", "kind", "webhook", "url", "http://127.0.0.1:9/hook"))
        .when().post("/api/v1/alerts/channels").then().statusCode(201).extract().path("id");

    var created = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(rule("channels", List.of(oncall))).when().post(PATH)
        .then().statusCode(201)
        .body("id", notNullValue()).body("name", equalTo("Checkout errors"))
        .body("query", equalTo("level:ERROR AND service:checkout"))
        .body("kind", equalTo("threshold")).body("window", equalTo("5m"))
        .body("every", equalTo("1m")).body("condition.op", equalTo(">"))
        .body("condition.value", equalTo(10)).body("group_by", equalTo(List.of("service")))
        .body("for", equalTo("2m")).body("severity", equalTo("critical"))
        .body("channels", equalTo(List.of(oncall))).body("renotify", equalTo("4h"))
        .body("labels.team", equalTo("payments"))
        .body("runbook_url", equalTo("https://wiki.example/checkout"))
        .body("enabled", equalTo(true)).body("created_at", notNullValue())
        .body("created_by", equalTo("test")).body("tenant", nullValue())
        .extract();
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith(PATH + "/" + id);

    given().auth().oauth2(key).when().get(PATH)
        .then().statusCode(200).body("id", equalTo(List.of(id)));
    given().auth().oauth2(key).when().get(PATH + "/" + id)
        .then().statusCode(200).body("id", equalTo(id)).body("window", equalTo("5m"))
        .body("condition.value", equalTo(10)).body("labels.team", equalTo("payments"));

    // PUT replaces: a no_data rule has no condition; what the body leaves out takes its default.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "Checkout silent", "query", "service:checkout", "kind", "no_data",
            "window", "300s", "group_by", List.of("service", "host")))
        .when().put(PATH + "/" + id)
        .then().statusCode(200)
        .body("id", equalTo(id)).body("name", equalTo("Checkout silent"))
        .body("kind", equalTo("no_data")).body("window", equalTo("5m"))
        .body("every", equalTo("1m")).body("for", equalTo("0s"))
        .body("condition", nullValue()).body("severity", equalTo("warning"))
        .body("group_by", equalTo(List.of("service", "host"))).body("renotify", nullValue())
        .body("created_at", equalTo(created.<String>path("created_at")));

    // Names are unique per tenant.
    given().auth().oauth2(key).contentType(ContentType.JSON).body(rule("name", "Checkout silent"))
        .when().post(PATH)
        .then().statusCode(409).contentType("application/problem+json")
        .body("field", equalTo("name"));

    given().auth().oauth2(key).when().delete(PATH + "/" + id).then().statusCode(204);
    given().auth().oauth2(key).when().get(PATH + "/" + id)
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(key).when().delete(PATH + "/" + id).then().statusCode(404);
    given().auth().oauth2(key).when().get(PATH).then().statusCode(200).body("$", empty());

    for (String action : List.of("alert_rule.create", "alert_rule.update", "alert_rule.delete")) {
      assertThat(trail(key, action)).as(action)
          .anySatisfy(e -> assertThat(e).containsEntry("target", id)
              .containsEntry("outcome", "success"));
    }
  }

  @Test
  void badBodiesAreRejectedNamingTheField() {
    String key = TestTenants.newKey(TestTenants.newTenant("alerts-bad"), "search");
    String id = create(key, rule());
    List<Map.Entry<String, Map<String, Object>>> cases = List.of(
        Map.entry("query", rule("query", "level:(error")),
        Map.entry("window", rule("window", "25h")),
        Map.entry("every", rule("every", "5s")),
        Map.entry("condition.op", rule("condition", Map.of("op", "~", "value", 1))),
        Map.entry("group_by", rule("group_by", List.of("service", "host", "level", "environment"))),
        Map.entry("group_by", rule("group_by", List.of("message"))),
        Map.entry("kind", rule("kind", "spike")),
        Map.entry("severity", rule("severity", "page")));
    for (var bad : cases) {
      given().auth().oauth2(key).contentType(ContentType.JSON).body(bad.getValue())
          .when().post(PATH)
          .then().statusCode(400).contentType("application/problem+json")
          .body("status", equalTo(400)).body("field", equalTo(bad.getKey()));
      given().auth().oauth2(key).contentType(ContentType.JSON).body(bad.getValue())
          .when().put(PATH + "/" + id)
          .then().statusCode(400).body("field", equalTo(bad.getKey()));
      given().auth().oauth2(key).contentType(ContentType.JSON).body(bad.getValue())
          .when().post(PATH + "/preview")
          .then().statusCode(400).contentType("application/problem+json")
          .body("field", equalTo(bad.getKey()));
    }
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(rule("group_by", List.of("service", "user.id")))
        .when().post(PATH)
        .then().statusCode(400).body("field", equalTo("group_by"))
        .body("detail", containsString("'user.id'"))
        .body("groupable", equalTo(List.of("environment", "host", "level", "service")));
    given().auth().oauth2(key).contentType(ContentType.JSON).body(rule("query", "level:(error"))
        .when().post(PATH)
        .then().statusCode(400).body("type", containsString("malformed-query"))
        .body("parameter", nullValue());
    // Nothing was stored or changed by the refusals.
    given().auth().oauth2(key).when().get(PATH)
        .then().statusCode(200).body("id", equalTo(List.of(id)))
        .body("[0].window", equalTo("5m"));
  }

  @Test
  void auditorsReadRulesButCannotWriteThem() {
    String tenant = TestTenants.newTenant("alerts-audit");
    String engineer = TestTenants.newKey(tenant, "search");
    String auditor = TestTenants.newKey(tenant, "audit");
    String admin = TestTenants.newKey(tenant, "admin");
    String id = create(engineer, rule());
    create(admin, rule("name", "Admin's rule"));

    given().auth().oauth2(auditor).when().get(PATH)
        .then().statusCode(200).body("name", equalTo(List.of("Admin's rule", "Checkout errors")));
    given().auth().oauth2(auditor).when().get(PATH + "/" + id).then().statusCode(200);
    given().auth().oauth2(auditor).contentType(ContentType.JSON).body(rule("name", "mine"))
        .when().post(PATH).then().statusCode(403).contentType("application/problem+json");
    given().auth().oauth2(auditor).contentType(ContentType.JSON).body(rule("name", "changed"))
        .when().put(PATH + "/" + id).then().statusCode(403);
    given().auth().oauth2(auditor).when().delete(PATH + "/" + id).then().statusCode(403);
    given().auth().oauth2(auditor).contentType(ContentType.JSON).body(rule())
        .when().post(PATH + "/preview").then().statusCode(403);
    given().auth().oauth2(TestTenants.newKey(tenant, "ingest")).when().get(PATH)
        .then().statusCode(403);
    given().auth().oauth2(engineer).when().get(PATH + "/" + id)
        .then().statusCode(200).body("name", equalTo("Checkout errors"));
  }

  @Test
  void anotherTenantSeesNoRule() {
    String owner = TestTenants.newKey(TestTenants.newTenant("alerts-owner"), "search");
    String other = TestTenants.newKey(TestTenants.newTenant("alerts-other"), "search", "admin",
        "audit");
    String id = create(owner, rule());

    given().auth().oauth2(other).when().get(PATH).then().statusCode(200).body("$", empty());
    given().auth().oauth2(other).when().get(PATH + "/" + id).then().statusCode(404);
    given().auth().oauth2(other).contentType(ContentType.JSON).body(rule("name", "taken over"))
        .when().put(PATH + "/" + id).then().statusCode(404);
    given().auth().oauth2(other).when().delete(PATH + "/" + id).then().statusCode(404);
    given().auth().oauth2(owner).when().get(PATH + "/" + id)
        .then().statusCode(200).body("name", equalTo("Checkout errors"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void previewCountsTheWindowPerGroupAndSaysWhatTheRuleWouldDo() {
    String tenant = TestTenants.newTenant("alerts-preview");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit");
    Instant now = Instant.now();
    StringBuilder body = new StringBuilder();
    event(body, now.minusSeconds(30), "ERROR", "checkout", "a", 12);
    event(body, now.minusSeconds(30), "ERROR", "cart", "a", 3);
    event(body, now.minusSeconds(30), "INFO", "checkout", "b", 2);
    event(body, now.minus(2, ChronoUnit.HOURS), "ERROR", "cart", "a", 50); // outside the window
    Events.ingestNdjson(key, body.toString());
    Events.awaitTotal(key, Map.of("q", "", "from", "now-1d"), 67);
    // Another tenant's events never count.
    String otherKey = TestTenants.newKey(TestTenants.newTenant("alerts-noise"), "ingest", "search");
    StringBuilder noise = new StringBuilder();
    event(noise, now.minusSeconds(30), "ERROR", "cart", "a", 20);
    Events.ingestNdjson(otherKey, noise.toString());
    Events.awaitTotal(otherKey, Map.of("q", ""), 20);

    Map<String, Object> errors = rule("query", "level:ERROR", "for", null, "group_by",
        List.of("service"));
    JsonPath byService = preview(key, errors);
    assertThat(byService.getString("kind")).isEqualTo("threshold");
    assertThat(byService.getString("window")).isEqualTo("5m");
    assertThat(byService.getString("evaluated_at")).isNotBlank();
    assertThat(byService.getBoolean("truncated")).isFalse();
    assertThat(byService.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of("service", "checkout"), "value", 12, "condition_met", true,
            "would", "fire"),
        Map.of("group", Map.of("service", "cart"), "value", 3, "condition_met", false,
            "would", "ok"));

    // With "for", a met condition is pending; without group_by, one group of the total.
    JsonPath total = preview(key, rule("query", "level:ERROR", "group_by", List.of()));
    assertThat(total.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of(), "value", 15, "condition_met", true, "would", "pending"));

    JsonPath byTwo = preview(key, rule("query", "", "for", null, "condition",
        Map.of("op", ">=", "value", 3), "group_by", List.of("service", "level")));
    assertThat(byTwo.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of("service", "checkout", "level", "ERROR"), "value", 12,
            "condition_met", true, "would", "fire"),
        Map.of("group", Map.of("service", "cart", "level", "ERROR"), "value", 3,
            "condition_met", true, "would", "fire"),
        Map.of("group", Map.of("service", "checkout", "level", "INFO"), "value", 2,
            "condition_met", false, "would", "ok"));

    // Nothing was saved, and the preview is in the trail as a read of events, with its query.
    given().auth().oauth2(key).when().get(PATH).then().statusCode(200).body("$", empty());
    assertThat(trail(key, "alert_rule.preview")).hasSize(3)
        .anySatisfy(e -> assertThat((Map<String, Object>) e.get("params"))
            .containsEntry("q", "level:ERROR").containsEntry("from", "now-5m")
            .containsEntry("to", "now"));
    given().auth().oauth2(key).queryParam("format", "csv").when().get("/api/v1/reports/access")
        .then().statusCode(200).body(containsString("alert_rule.preview"));
  }

  @Test
  void noDataPreviewFiresForGroupsThatWentSilent() {
    String key = TestTenants.newKey(TestTenants.newTenant("alerts-nodata"), "ingest", "search");
    Instant now = Instant.now();
    StringBuilder body = new StringBuilder();
    event(body, now.minus(90, ChronoUnit.MINUTES), "INFO", "gone", "a", 2);
    event(body, now.minus(90, ChronoUnit.MINUTES), "INFO", "steady", "a", 1);
    event(body, now.minusSeconds(60), "INFO", "steady", "a", 1);
    event(body, now.minusSeconds(60), "INFO", "fresh", "a", 1);
    Events.ingestNdjson(key, body.toString());
    Events.awaitTotal(key, Map.of("q", "", "from", "now-1d"), 5);

    Map<String, Object> silent = Map.of("name", "silent", "query", "", "kind", "no_data",
        "window", "1h", "group_by", List.of("service"));
    JsonPath grouped = preview(key, silent);
    assertThat(grouped.getString("kind")).isEqualTo("no_data");
    assertThat(grouped.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of("service", "gone"), "value", 0, "previous", 2,
            "condition_met", true, "would", "fire"),
        Map.of("group", Map.of("service", "steady"), "value", 1, "previous", 1,
            "condition_met", false, "would", "ok"),
        Map.of("group", Map.of("service", "fresh"), "value", 1, "previous", 0,
            "condition_met", false, "would", "ok"));

    JsonPath whole = preview(key, Map.of("name", "silent", "query", "service:gone",
        "kind", "no_data", "window", "1h", "for", "5m"));
    assertThat(whole.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of(), "value", 0, "previous", 2, "condition_met", true,
            "would", "pending"));
    JsonPath alive = preview(key, Map.of("name", "alive", "query", "service:steady",
        "kind", "no_data", "window", "1h"));
    assertThat(alive.getList("groups", Map.class)).containsExactly(
        Map.of("group", Map.of(), "value", 1, "previous", 1, "condition_met", false,
            "would", "ok"));
    // A no_data rule takes no condition.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "x", "kind", "no_data", "window", "1h", "condition",
            Map.of("op", ">", "value", 1)))
        .when().post(PATH + "/preview")
        .then().statusCode(400).body("field", equalTo("condition"));
  }

  private static void event(StringBuilder body, Instant at, String level, String service,
      String host, int times) {
    for (int i = 0; i < times; i++) {
      body.append("{\"@timestamp\":\"").append(at.plusMillis(i)).append("\",\"level\":\"")
          .append(level).append("\",\"service\":\"").append(service).append("\",\"host\":\"")
          .append(host).append("\",\"message\":\"event ").append(i).append("\"}\n");
    }
  }
}
