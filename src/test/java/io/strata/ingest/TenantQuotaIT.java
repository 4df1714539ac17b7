package io.strata.ingest;

import static io.restassured.RestAssured.given;
import static io.strata.testing.TestTenants.OPERATOR_KEY;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant over its ingest limit gets 429 with Retry-After; other tenants are not affected. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TenantQuotaIT {

  @Test
  void aTenantOverItsLimitIsToldToRetryAndLosesNothingOnceItDoes() {
    String tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", tenant, "name", "Quota", "max_events_per_second", 100))
        .when().post("/api/v1/admin/tenants")
        .then().statusCode(201).body("max_events_per_second", equalTo(100));
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String other = TestTenants.newKey(TestTenants.newTenant("free"), "ingest");
    String marker = "q" + UUID.randomUUID().toString().replace("-", "");

    // A batch larger than the burst passes, and leaves the tenant 400 events in debt (4 s).
    ingest(key, 600, marker).then().statusCode(200).body("accepted", equalTo(600));
    ingest(key, 150, marker).then().statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", matchesPattern("[1-4]"))
        .body("limit", equalTo(100));
    ingest(other, 500, "other" + marker).then().statusCode(200); // other tenants are not held back

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> ingest(key, 150, marker).statusCode() == 200);
    Events.awaitTotal(key, Map.of("q", marker), 750);

    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(nullLimit())
        .when().patch("/api/v1/admin/tenants/" + tenant)
        .then().statusCode(200).body("max_events_per_second", nullValue());
    for (int i = 0; i < 4; i++) {
      ingest(key, 500, marker).then().statusCode(200);
    }
  }

  @Test
  void limitsAreValidated() {
    String tenant = TestTenants.newTenant("limits");
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("max_events_per_second", 0))
        .when().patch("/api/v1/admin/tenants/" + tenant)
        .then().statusCode(400).body("field", equalTo("max_events_per_second"));
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("max_events_per_second", 10))
        .when().patch("/api/v1/admin/tenants/no-such-tenant")
        .then().statusCode(404);
    given().auth().oauth2(TestTenants.newKey(tenant, "admin")).contentType(ContentType.JSON)
        .body(Map.of("max_events_per_second", 1_000_000))
        .when().patch("/api/v1/admin/tenants/" + tenant)
        .then().statusCode(403);
  }

  private static io.restassured.response.Response ingest(String key, int events, String marker) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < events; i++) {
      body.append("{\"message\":\"").append(marker).append(' ').append(i).append("\"}\n");
    }
    return given().auth().oauth2(key).contentType("application/x-ndjson")
        .body(body.toString().getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest");
  }

  private static Map<String, Object> nullLimit() {
    Map<String, Object> body = new HashMap<>();
    body.put("max_events_per_second", null);
    return body;
  }
}
