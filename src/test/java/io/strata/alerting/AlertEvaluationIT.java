package io.strata.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler evaluates a saved rule over real ingested events: a burst fires the alert of its
 * group, a user acknowledges it (audited), and it resolves once the burst leaves the window; the
 * history has every transition with its value, and another tenant sees none of it.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class AlertEvaluationIT {

  private static final String ALERTS = "/api/v1/alerts";

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> alerts(String key) {
    return given().auth().oauth2(key).when().get(ALERTS).then().statusCode(200).extract()
        .jsonPath().getList("$");
  }

  private static List<Map<String, Object>> history(String key, String rule) {
    return given().auth().oauth2(key).queryParam("rule", rule).queryParam("from", "now-1h")
        .when().get(ALERTS + "/history").then().statusCode(200).extract().jsonPath()
        .getList("$");
  }

  @Test
  void aBurstFiresIsAcknowledgedAndResolvesAndAnotherTenantSeesNone() {
    String tenant = TestTenants.newTenant("alerting");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit");
    String auditor = TestTenants.newKey(tenant, "audit");
    String other = TestTenants.newKey(TestTenants.newTenant("alerting-other"), "search", "admin",
        "audit");
    String rule = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "errors", "query", "level:ERROR", "window", "1m", "every", "10s",
            "condition", Map.of("op", ">", "value", 2), "group_by", List.of("service"),
            "for", "0s", "severity", "critical"))
        .when().post(ALERTS + "/rules").then().statusCode(201).extract().path("id");

    Instant now = Instant.now();
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      burst.append("{\"@timestamp\":\"").append(now.plusMillis(i))
          .append("\",\"level\":\"ERROR\",\"service\":\"a\",\"message\":\"boom ").append(i)
          .append("\"}\n");
    }
    // One error of b: under the threshold, so no alert.
    burst.append("{\"@timestamp\":\"").append(now)
        .append("\",\"level\":\"ERROR\",\"service\":\"b\",\"message\":\"once\"}\n");
    Events.ingestNdjson(key, burst.toString());

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> alerts(key).stream().anyMatch(a -> "firing".equals(a.get("state"))));
    List<Map<String, Object>> firing = alerts(key);
    assertThat(firing).hasSize(1);
    Map<String, Object> alert = firing.getFirst();
    String fingerprint = (String) alert.get("fingerprint");
    assertThat(fingerprint).matches("[0-9a-f]{64}")
        .isEqualTo(AlertFingerprint.of(rule, Map.of("service", "a")));
    assertThat(alert).containsEntry("rule_id", rule).containsEntry("rule_name", "errors")
        .containsEntry("severity", "critical").containsEntry("group", Map.of("service", "a"))
        .containsEntry("state", "firing").containsEntry("value", 5);

    // Another tenant sees none of it, and cannot acknowledge it.
    given().auth().oauth2(other).when().get(ALERTS).then().statusCode(200).body("$", empty());
    given().auth().oauth2(other).when().post(ALERTS + "/" + fingerprint + "/ack")
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(other).queryParam("from", "now-1h").when().get(ALERTS + "/history")
        .then().statusCode(200).body("$", empty());
    // An auditor reads alerts but does not acknowledge them.
    assertThat(alerts(auditor)).hasSize(1);
    given().auth().oauth2(auditor).when().post(ALERTS + "/" + fingerprint + "/ack")
        .then().statusCode(403);

    given().auth().oauth2(key).when().post(ALERTS + "/" + fingerprint + "/ack")
        .then().statusCode(200).body("state", equalTo("acknowledged"))
        .body("fingerprint", equalTo(fingerprint)).body("ack_by", notNullValue())
        .body("ack_at", notNullValue());
    given().auth().oauth2(key).when().post(ALERTS + "/" + fingerprint + "/ack")
        .then().statusCode(409).body("state", equalTo("acknowledged"));
    assertThat(alerts(key)).singleElement()
        .satisfies(a -> assertThat(a).containsEntry("state", "acknowledged"));
    List<Map<String, Object>> acks = given().auth().oauth2(key).queryParam("action", "alert.ack")
        .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
        .getList("events");
    assertThat(acks).anySatisfy(e -> assertThat(e).containsEntry("target", fingerprint)
        .containsEntry("outcome", "success"));
    given().auth().oauth2(key).queryParam("format", "csv").when().get("/api/v1/reports/changes")
        .then().statusCode(200).body(containsString("alert.ack"));

    // Newest first: the ack after the evaluation that fired it, with the value that did.
    List<Map<String, Object>> transitions = history(key, rule);
    assertThat(transitions).hasSize(2);
    assertThat(transitions.get(0)).containsEntry("from", "firing")
        .containsEntry("to", "acknowledged").containsEntry("fingerprint", fingerprint)
        .containsKey("actor");
    assertThat(transitions.get(1)).containsEntry("from", "ok").containsEntry("to", "firing")
        .containsEntry("value", 5).containsEntry("group", Map.of("service", "a"))
        .containsEntry("rule_id", rule).containsKey("at");

    // With no more errors, the alert resolves once the burst has left the 1m window.
    await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
        .until(() -> alerts(key).isEmpty());
    List<Map<String, Object>> after = history(key, rule);
    assertThat(after).hasSize(3);
    assertThat(after.getFirst()).containsEntry("from", "acknowledged")
        .containsEntry("to", "resolved").containsEntry("value", 0);
    given().auth().oauth2(key).when().post(ALERTS + "/" + fingerprint + "/ack")
        .then().statusCode(409).body("state", equalTo("resolved"));
    given().auth().oauth2(key).queryParam("from", "now-1h").queryParam("rule", "rule_other")
        .when().get(ALERTS + "/history").then().statusCode(200).body("$", empty());
    given().auth().oauth2(key).queryParam("from", "yesterday-ish")
        .when().get(ALERTS + "/history").then().statusCode(400)
        .body("parameter", equalTo("from"));
  }
}
