package io.strata.tail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A live tail lasts no longer than the credential that opened it: the probe found ten tails of a
 * revoked key still streaming 45 s later and holding every slot of their tenant. Here a revoked
 * key's tails and an expired key's tails end, say why, and give their slots back.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TailCredentialIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private static SseClient follow(String key) {
    SseClient tail = SseClient.open(RestAssured.port, key, null, 0);
    assertThat(tail.status()).as(tail.body()).isEqualTo(200);
    tail.await(e -> "tail open".equals(e.comment()), WAIT);
    return tail;
  }

  private static String issue(String tenant, Instant expiresAt) {
    Map<String, Object> body = expiresAt == null
        ? Map.of("name", "tailer", "scopes", List.of("search"))
        : Map.of("name", "tailer", "scopes", List.of("search"), "expires_at", expiresAt.toString());
    return given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType(ContentType.JSON).body(body)
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(201).extract().path("key");
  }

  private static String idOf(String tenant, String name) {
    return given().auth().oauth2(TestTenants.OPERATOR_KEY)
        .when().get("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(200).extract().jsonPath()
        .getString("find { it.name == '" + name + "' && it.revoked_at == null }.id");
  }

  @Test
  void revokingAKeyEndsItsTailsAndFreesTheirSlots() {
    String tenant = TestTenants.newTenant("tailrev");
    String key = issue(tenant, null);
    String keyId = idOf(tenant, "tailer");
    // The test profile allows two tails per tenant: the revoked key holds both.
    try (SseClient first = follow(key); SseClient second = follow(key)) {
      String other = TestTenants.newKey(tenant, "search");
      try (SseClient refused = SseClient.open(RestAssured.port, other, null, 0)) {
        assertThat(refused.status()).isEqualTo(429);
      }
      given().auth().oauth2(TestTenants.OPERATOR_KEY)
          .when().delete("/api/v1/admin/tenants/" + tenant + "/keys/" + keyId)
          .then().statusCode(204);
      for (SseClient tail : List.of(first, second)) {
        SseClient.Event end = tail.await(e -> "end".equals(e.name()), WAIT);
        assertThat(end.data()).isEqualTo("{\"reason\":\"credential-revoked\"}");
        await().atMost(WAIT).until(tail::ended);
      }
      try (SseClient again = follow(other)) {
        assertThat(again.status()).isEqualTo(200);
      }
      // And the revoked key opens nothing new.
      try (SseClient revoked = SseClient.open(RestAssured.port, key, null, 0)) {
        assertThat(revoked.status()).isEqualTo(401);
      }
    }
  }

  @Test
  void aKeyThatExpiresEndsItsTailAtItsExpiry() {
    String tenant = TestTenants.newTenant("tailexp");
    String key = issue(tenant, Instant.now().plusSeconds(4));
    try (SseClient tail = follow(key)) {
      SseClient.Event end = tail.await(e -> "end".equals(e.name()), WAIT);
      assertThat(end.data()).isEqualTo("{\"reason\":\"credential-expired\"}");
      await().atMost(WAIT).until(tail::ended);
    }
    try (SseClient slot = follow(TestTenants.newKey(tenant, "search"));
        SseClient another = follow(TestTenants.newKey(tenant, "search"))) {
      assertThat(slot.status()).isEqualTo(200);
      assertThat(another.status()).isEqualTo(200);
    }
  }
}
