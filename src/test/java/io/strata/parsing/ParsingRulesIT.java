package io.strata.parsing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.Management;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ParsingRulesIT {

  private static final String PATH = "/api/v1/parsing-rules";
  private static final String APP_PATTERN = "%{TIMESTAMP_ISO8601:@timestamp} \\[%{NOTSPACE:thread}\\]"
      + " %{LEVEL:level} %{GREEDY:message} status=%{INT:http.status}";
  private static final DateTimeFormatter LOG4J =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static Map<String, Object> rule(Object... overrides) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "billing app log",
        "selector", "service:billing", "pattern", APP_PATTERN, "priority", 10));
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

  private static List<Map<String, Object>> trail(String key, String action) {
    return given().auth().oauth2(key).queryParam("action", action).when().get("/api/v1/audit")
        .then().statusCode(200).extract().jsonPath().getList("events");
  }

  @Test
  void crudRoundTripIsAuditedAndScoped() {
    String tenant = TestTenants.newTenant("parsing");
    String admin = TestTenants.newKey(tenant, "admin", "search", "audit");
    String auditor = TestTenants.newKey(tenant, "audit");
    String engineer = TestTenants.newKey(tenant, "search");

    String id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule())
        .when().post(PATH).then().statusCode(201)
        .header("Location", containsString(PATH + "/"))
        .body("id", notNullValue()).body("name", equalTo("billing app log"))
        .body("selector", equalTo("service:billing")).body("pattern", equalTo(APP_PATTERN))
        .body("priority", equalTo(10)).body("enabled", equalTo(true))
        .extract().path("id");
    given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule())
        .when().post(PATH).then().statusCode(409).body("field", equalTo("name"));
    given().auth().oauth2(auditor).when().get(PATH + "/" + id).then().statusCode(200)
        .body("tenant", equalTo(tenant));
    given().auth().oauth2(auditor).contentType(ContentType.JSON).body(rule("name", "x"))
        .when().post(PATH).then().statusCode(403);
    given().auth().oauth2(engineer).when().get(PATH).then().statusCode(403);
    given().auth().oauth2(engineer).when().get(PATH + "/patterns").then().statusCode(200)
        .body("TIMESTAMP_ISO8601", notNullValue());

    given().auth().oauth2(admin).contentType(ContentType.JSON)
        .body(rule("name", "billing v2", "priority", 5, "time_format", "yyyy-MM-dd HH:mm:ss,SSS"))
        .when().put(PATH + "/" + id).then().statusCode(200)
        .body("name", equalTo("billing v2")).body("priority", equalTo(5))
        .body("time_format", equalTo("yyyy-MM-dd HH:mm:ss,SSS"));
    assertThat(given().auth().oauth2(admin).when().get(PATH).then().statusCode(200)
        .extract().jsonPath().getList("name")).containsExactly("billing v2");

    given().auth().oauth2(admin).when().delete(PATH + "/" + id).then().statusCode(204);
    given().auth().oauth2(admin).when().get(PATH + "/" + id).then().statusCode(404);
    // The refused second create is in the trail too, as an error.
    assertThat(trail(admin, "parsing_rule.create")).extracting(e -> e.get("outcome"))
        .containsExactlyInAnyOrder("success", "error");
    assertThat(trail(admin, "parsing_rule.update")).hasSize(1)
        .allSatisfy(e -> assertThat(e).containsEntry("target", id));
    assertThat(trail(admin, "parsing_rule.delete")).hasSize(1);
  }

  @Test
  void badRulesAreRefusedNamingTheField() {
    String tenant = TestTenants.newTenant("parsing");
    String admin = TestTenants.newKey(tenant, "admin");
    given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule("pattern", "%{NOPE:x}"))
        .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
        .body("field", equalTo("pattern")).body("detail", containsString("Unknown pattern"));
    given().auth().oauth2(admin).contentType(ContentType.JSON)
        .body(rule("selector", "service:(billing")).when().post(PATH).then().statusCode(400)
        .body("field", equalTo("selector"));
    given().auth().oauth2(admin).contentType(ContentType.JSON)
        .body(rule("time_format", "yyyy-MM-dd {{")).when().post(PATH).then().statusCode(400)
        .body("field", equalTo("time_format"));
    given().auth().oauth2(admin).contentType(ContentType.JSON)
        .body(rule("pattern", "%{WORD:_id} %{GREEDY:rest}")).when().post(PATH).then()
        .statusCode(400).body("field", equalTo("pattern")).body("detail", containsString("_id"));
    given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule("name", " "))
        .when().post(PATH).then().statusCode(400).body("field", equalTo("name"));
    assertThat(given().auth().oauth2(admin).when().get(PATH).then().statusCode(200)
        .extract().jsonPath().getList("$")).isEmpty();
  }

  @Test
  void aRuleParsesTheEventsItsSelectorPicksAtIndexingTime() {
    String tenant = TestTenants.newTenant("parsing");
    String key = TestTenants.newKey(tenant, "admin", "search", "ingest");
    create(key, rule());
    Instant stamp = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    String line = LOG4J.format(stamp) + " [worker-3] ERROR charge failed for order 17 status=502";
    Events.ingestNdjson(key, "{\"service\":\"billing\",\"message\":\"" + line + "\"}\n"
        + "{\"service\":\"web\",\"message\":\"" + line + "\"}\n"
        + "{\"service\":\"billing\",\"message\":\"a line the pattern does not fit\"}\n");

    JsonPath parsed = Events.awaitTotal(key, Map.of("q", "thread:worker-3", "from", "now-1d"), 1);
    Map<String, Object> event = parsed.getMap("events[0]");
    assertThat(event).containsEntry("service", "billing")
        .containsEntry("@timestamp", ISO_MILLIS.format(stamp))
        .containsEntry("level", "ERROR").containsEntry("message", "charge failed for order 17")
        .containsEntry("event.original", line).containsEntry("http.status", 502);
    // Numbers compare as numbers, the whole line stays searchable, the rule's time is the
    // event's time (two hours ago, not the ingest time).
    Events.awaitTotal(key, Map.of("q", "service:billing AND http.status:[500 TO 599]",
        "from", "now-1d"), 1);
    Events.awaitTotal(key, Map.of("q", "message:charge", "from", "now-1d"), 2);
    Events.awaitTotal(key, Map.of("q", "thread:worker-3", "from", "now-90m"), 0);
    // Not selected (web) and not matching (the third line): indexed as they came.
    JsonPath web = Events.awaitTotal(key, Map.of("q", "service:web", "from", "now-1d"), 1);
    assertThat(web.getMap("events[0]")).containsEntry("message", line)
        .doesNotContainKeys("thread", "level", "event.original");
    Events.awaitTotal(key, Map.of("q", "service:web AND thread:*", "from", "now-1d"), 0);
    Events.awaitTotal(key, Map.of("q", "\"does not fit\"", "from", "now-1d"), 1);

    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200)
        .extract().asString();
    assertThat(metrics).contains("strata_parsing_events_total{outcome=\"parsed\",tenant=\""
        + tenant + "\"} 1.0");
    assertThat(metrics).contains("strata_parsing_events_total{outcome=\"no_match\",tenant=\""
        + tenant + "\"} 1.0");
  }

  @Test
  void aRuleThatRunsOutOfTimeLeavesTheEventAsItWas() {
    String tenant = TestTenants.newTenant("parsing");
    String key = TestTenants.newKey(tenant, "admin", "search", "ingest");
    create(key, rule("name", "catastrophic", "selector", "", "pattern", "(.*a){12}x"));
    String line = "a".repeat(60);
    Events.ingestNdjson(key, line + "\n");
    JsonPath found = Events.awaitTotal(key, Map.of("q", "*", "from", "now-1h"), 1);
    assertThat(found.getString("events[0].message")).isEqualTo(line);
    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200)
        .extract().asString();
    assertThat(metrics).contains("strata_parsing_events_total{outcome=\"timed_out\",tenant=\""
        + tenant + "\"} 1.0");
  }

  @Test
  void previewShowsWhatARuleWouldExtractFromLinesOrTheLatestEvents() {
    String tenant = TestTenants.newTenant("parsing");
    String key = TestTenants.newKey(tenant, "admin", "search", "ingest", "audit");
    String adminOnly = TestTenants.newKey(tenant, "admin");
    Map<String, Object> body = new HashMap<>(rule());
    body.put("lines", List.of("2026-12-01 10:00:00,250 [main] WARN slow status=200", "nope"));
    JsonPath lines = given().auth().oauth2(adminOnly).contentType(ContentType.JSON).body(body)
        .when().post(PATH + "/preview").then().statusCode(200).extract().jsonPath();
    assertThat(lines.getString("source")).isEqualTo("lines");
    assertThat(lines.getInt("total")).isEqualTo(2);
    assertThat(lines.getInt("matched")).isEqualTo(1);
    assertThat(lines.getMap("results[0].fields")).containsEntry("@timestamp",
        "2026-12-01T10:00:00.250Z").containsEntry("thread", "main").containsEntry("level", "WARN")
        .containsEntry("message", "slow").containsEntry("http.status", 200);
    assertThat(lines.getString("results[1].outcome")).isEqualTo("no_match");

    Events.ingestNdjson(key, "{\"service\":\"billing\",\"message\":\""
        + "2026-12-01 10:00:01,000 [main] INFO paid status=201\"}\n"
        + "{\"service\":\"other\",\"message\":\"not billing\"}\n");
    Events.awaitTotal(key, Map.of("q", "*", "from", "now-7d"), 2);
    body.remove("lines");
    body.put("last", 10);
    JsonPath events = given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post(PATH + "/preview").then().statusCode(200).extract().jsonPath();
    assertThat(events.getString("source")).isEqualTo("events");
    assertThat(events.getInt("total")).isEqualTo(1);
    assertThat(events.getMap("results[0].fields")).containsEntry("message", "paid");
    // Without the search scope, stored events are not the admin's to read.
    given().auth().oauth2(adminOnly).contentType(ContentType.JSON).body(body)
        .when().post(PATH + "/preview").then().statusCode(403);
    body.put("last", 5000);
    given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post(PATH + "/preview").then().statusCode(400).body("field", equalTo("last"));
    assertThat(trail(key, "parsing_rule.preview")).hasSize(3);
  }
}
