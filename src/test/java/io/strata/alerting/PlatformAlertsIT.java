package io.strata.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.audit.AuditVerificationJob;
import io.strata.testing.TestDatabase;
import io.strata.testing.OperatorReceiver;
import io.strata.testing.RecordingReceiver.Received;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A platform alert no tenant defines: an audit chain changed behind Strata's back fails the
 * scheduled verification, and the operator's channel is told — through the same outbox and
 * delivery as tenants' alerts — while tenants see none of it.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class PlatformAlertsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  AuditVerificationJob verification;


  private static boolean auditFiring(Received received) {
    try {
      JsonNode body = JSON.readTree(received.body());
      return body.get("status").asText().equals("firing") && body.get("alerts").get(0)
          .get("labels").get("alertname").asText().equals("Audit trail verification");
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aTamperedAuditChainTellsTheOperatorAndNoTenant() throws Exception {
    String tenant = TestTenants.newTenant("platform-tamper");
    String key = TestTenants.newKey(tenant, "search", "audit");
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(key).queryParam("q", "n" + i).when().get("/api/v1/search").then()
          .statusCode(200);
    }
    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
      sql.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
      try {
        sql.executeUpdate("UPDATE audit_events SET params = '{\"q\":\"innocent\"}'"
            + " WHERE chain = '" + tenant + "' AND seq = 2");
      } finally {
        sql.execute("ALTER TABLE audit_events ENABLE TRIGGER USER");
      }
    }

    AuditVerificationJob.LastRun run = verification.run();
    assertThat(run.failedChains()).isPositive();

    // Firing (told once: if another test broke a chain earlier, it was told then).
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> OperatorReceiver.get().accepted(OperatorReceiver.PATH).stream()
            .anyMatch(PlatformAlertsIT::auditFiring));
    JsonNode told = JSON.readTree(OperatorReceiver.get().accepted(OperatorReceiver.PATH).stream()
        .filter(PlatformAlertsIT::auditFiring).findFirst().orElseThrow().body());
    JsonNode alert = told.get("alerts").get(0);
    assertThat(alert.get("labels").get("platform").asText()).isEqualTo("true");
    assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
    assertThat(alert.get("annotations").get("summary").asText())
        .contains("audit chains failed verification");
    assertThat(alert.get("generatorURL").asText()).endsWith("/ui/audit");

    List<Map<String, Object>> platform = given().auth().oauth2(TestTenants.OPERATOR_KEY)
        .when().get("/api/v1/admin/alerts").then().statusCode(200).extract().jsonPath()
        .getList("$");
    Map<String, Object> audit = platform.stream()
        .filter(a -> "audit_verification".equals(a.get("name"))).findFirst().orElseThrow();
    assertThat(audit.get("state")).isEqualTo("firing");
    assertThat((String) audit.get("summary")).contains(tenant);
    assertThat(audit.get("notified_at")).isNotNull();

    // Tenants neither read platform alerts nor see their deliveries.
    given().auth().oauth2(key).when().get("/api/v1/admin/alerts").then().statusCode(403);
    String deliveries = given().auth().oauth2(key).when().get("/api/v1/alerts/deliveries")
        .then().statusCode(200).extract().asString();
    assertThat(deliveries).isEqualTo("[]");
  }
}
