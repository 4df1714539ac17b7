package io.strata.tenancy;

import static io.restassured.RestAssured.given;
import static io.strata.testing.TestTenants.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.testing.Management;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestDatabase;
import io.strata.testing.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TenantAdminIT {

  @Test
  void operatorCreatesAndListsTenants() {
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", "initech", "name", "Initech"))
        .when().post("/api/v1/admin/tenants")
        .then().statusCode(201)
        .body("id", equalTo("initech")).body("name", equalTo("Initech"))
        .body("created_at", notNullValue());

    given().auth().oauth2(OPERATOR_KEY)
        .when().get("/api/v1/admin/tenants")
        .then().statusCode(200).body("id", hasItem("initech"));
  }

  @Test
  void duplicateTenantIsAConflict() {
    String tenant = TestTenants.newTenant("dup");
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", tenant, "name", "again"))
        .when().post("/api/v1/admin/tenants")
        .then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void invalidTenantIdIsRejectedWithTheRule() {
    for (String bad : List.of("A", "Upper", "with space", "x", "a_b", "../etc")) {
      given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
          .body(Map.of("id", bad, "name", "n"))
          .when().post("/api/v1/admin/tenants")
          .then().statusCode(400).contentType("application/problem+json")
          .body("status", equalTo(400)).body("field", equalTo("id"));
    }
  }

  @Test
  void tenantApiNeedsTheOperatorKey() {
    given().when().get("/api/v1/admin/tenants")
        .then().statusCode(401).contentType("application/problem+json");
    given().auth().oauth2("strata_not-a-key").when().get("/api/v1/admin/tenants")
        .then().statusCode(401);
    String tenant = TestTenants.newTenant("notop");
    String adminKey = TestTenants.newKey(tenant, "admin", "ingest", "search");
    given().auth().oauth2(adminKey).when().get("/api/v1/admin/tenants")
        .then().statusCode(403).contentType("application/problem+json");
  }

  @Test
  void issuedKeyShowsItsSecretOnceAndListsWithoutIt() {
    String tenant = TestTenants.newTenant("keys");
    String id = given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "checkout-service", "scopes", List.of("ingest", "search")))
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(201)
        .body("key", startsWith("strata_")).body("scopes", equalTo(List.of("ingest", "search")))
        .extract().path("id");

    given().auth().oauth2(OPERATOR_KEY)
        .when().get("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(200)
        .body("id", hasItem(id)).body("[0].key", nullValue()).body("[0].name", equalTo("checkout-service"));
  }

  @Test
  void keysForAnUnknownTenantAre404() {
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "k", "scopes", List.of("ingest")))
        .when().post("/api/v1/admin/tenants/no-such-tenant/keys")
        .then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void unknownScopeIsRejected() {
    String tenant = TestTenants.newTenant("scope");
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "k", "scopes", List.of("ingest", "superuser")))
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(400).body("field", equalTo("scopes"));
  }

  @Test
  void revokedKeyStopsWorkingAtOnce() {
    String tenant = TestTenants.newTenant("revoke");
    IssuedKey issued = issueSearchKey(tenant);
    String secret = issued.secret();
    String id = issued.id();

    given().auth().oauth2(secret).when().get("/api/v1/search").then().statusCode(200);
    given().auth().oauth2(OPERATOR_KEY)
        .when().delete("/api/v1/admin/tenants/" + tenant + "/keys/" + id)
        .then().statusCode(204);
    given().auth().oauth2(secret).when().get("/api/v1/search").then().statusCode(401);
    given().auth().oauth2(OPERATOR_KEY)
        .when().delete("/api/v1/admin/tenants/" + tenant + "/keys/key_unknown")
        .then().statusCode(404);
  }

  @Test
  void aKeyRevokedBehindThisNodesBackStopsWorkingWithinTheNotification() throws Exception {
    String tenant = TestTenants.newTenant("revoke");
    IssuedKey issued = issueSearchKey(tenant);
    String secret = issued.secret();
    String id = issued.id();
    given().auth().oauth2(secret).when().get("/api/v1/fields").then().statusCode(200);
    double fromCache = keyLookups("cache");
    given().auth().oauth2(secret).when().get("/api/v1/fields").then().statusCode(200);
    assertThat(keyLookups("cache")).as("the second request is answered from memory")
        .isGreaterThan(fromCache);

    // As another node, or an operator at a SQL prompt, would: this node's services never see it,
    // only PostgreSQL's notification tells it.
    try (Connection db = TestDatabase.connect();
        PreparedStatement revoke = db.prepareStatement(
            "UPDATE api_keys SET revoked_at = now() WHERE id = ?")) {
      revoke.setString(1, id);
      assertThat(revoke.executeUpdate()).isEqualTo(1);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    int status;
    do {
      status = given().auth().oauth2(secret).when().get("/api/v1/fields").statusCode();
    } while (status == 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(401);
  }

  private record IssuedKey(String secret, String id) {}

  private static IssuedKey issueSearchKey(String tenant) {
    var issued = given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "k", "scopes", List.of("search")))
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(201).extract();
    return new IssuedKey(issued.path("key"), issued.path("id"));
  }

  private static double keyLookups(String source) {
    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200)
        .extract().asString();
    Matcher m = Pattern.compile("(?m)^strata_api_key_lookups_total\\{source=\"" + source
        + "\"} (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("strata_api_key_lookups_total{source=%s}", source).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void expiredKeyIsRefused() throws InterruptedException {
    String tenant = TestTenants.newTenant("expiry");
    String secret = given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "short-lived", "scopes", List.of("search"),
            "expires_at", Instant.now().plusSeconds(2).toString()))
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(201).body("expires_at", notNullValue()).extract().path("key");
    given().auth().oauth2(secret).when().get("/api/v1/search").then().statusCode(200);
    Thread.sleep(2500);
    given().auth().oauth2(secret).when().get("/api/v1/search").then().statusCode(401);
  }

  @Test
  void tenantAdminManagesOnlyTheOwnTenantsKeys() {
    String tenant = TestTenants.newTenant("self");
    String other = TestTenants.newTenant("other");
    String otherKeyId = given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "theirs", "scopes", List.of("ingest")))
        .when().post("/api/v1/admin/tenants/" + other + "/keys")
        .then().statusCode(201).extract().path("id");
    String admin = TestTenants.newKey(tenant, "admin");

    String mine = given().auth().oauth2(admin).contentType(ContentType.JSON)
        .body(Map.of("name", "mine", "scopes", List.of("ingest")))
        .when().post("/api/v1/keys")
        .then().statusCode(201).body("tenant", equalTo(tenant)).extract().path("id");
    given().auth().oauth2(admin).when().get("/api/v1/keys")
        .then().statusCode(200).body("id", hasItem(mine)).body("id", not(hasItem(otherKeyId)));
    given().auth().oauth2(admin).when().delete("/api/v1/keys/" + otherKeyId)
        .then().statusCode(404);

    String ingestOnly = TestTenants.newKey(tenant, "ingest");
    given().auth().oauth2(ingestOnly).when().get("/api/v1/keys").then().statusCode(403);
  }
}
