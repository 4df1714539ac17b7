package io.strata.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The REST APIs accept Keycloak access tokens besides API keys: the demo users of the realm the
 * project ships, signed in against the real Keycloak the embedded default starts, act on the
 * tenant of their {@code tenant} claim with the scopes of their roles.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class KeycloakTokenIT {

  private static String token(String user) {
    return token(user, ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url",
        String.class));
  }

  private static String token(String user, String realm) {
    String secret = ConfigProvider.getConfig()
        .getValue("quarkus.oidc.credentials.secret", String.class);
    return given().formParams(Map.of("grant_type", "password", "client_id", "strata-console",
            "client_secret", secret, "username", user, "password", "strata-demo"))
        .when().post(realm + "/protocol/openid-connect/token")
        .then().statusCode(200).extract().path("access_token");
  }

  @Test
  void demoTenantsExistAndOnlyTheOperatorSeesThem() {
    JsonPath tenants = given().auth().oauth2(token("olivia")).when().get("/api/v1/admin/tenants")
        .then().statusCode(200).extract().jsonPath();
    assertThat(tenants.getList("id", String.class)).contains("acme", "globex");
    given().auth().oauth2(token("alice")).when().get("/api/v1/admin/tenants")
        .then().statusCode(403);
  }

  @Test
  void usersSearchTheirOwnTenantOnly() {
    String marker = "kc" + UUID.randomUUID().toString().replace("-", "");
    String acmeKey = TestTenants.newKey("acme", "ingest", "search");
    String globexKey = TestTenants.newKey("globex", "ingest", "search");
    Events.ingestNdjson(acmeKey, "{\"message\":\"acme event " + marker + "\"}\n");
    Events.ingestNdjson(globexKey, "{\"message\":\"globex event " + marker + "\"}\n");
    Events.awaitTotal(acmeKey, Map.of("q", marker), 1);
    Events.awaitTotal(globexKey, Map.of("q", marker), 1);

    for (String user : new String[] {"alice", "bob"}) {
      JsonPath found = given().auth().oauth2(token(user)).queryParam("q", marker)
          .when().get("/api/v1/search").then().statusCode(200).extract().jsonPath();
      assertThat(found.getList("events.message", String.class)).as(user)
          .containsExactly("acme event " + marker);
    }
    JsonPath carol = given().auth().oauth2(token("carol")).queryParam("q", marker)
        .when().get("/api/v1/search").then().statusCode(200).extract().jsonPath();
    assertThat(carol.getList("events.message", String.class))
        .containsExactly("globex event " + marker);
  }

  @Test
  void rolesDecideWhatAUserMayDo() {
    // alice is admin + engineer of acme: she manages its keys.
    String alice = token("alice");
    String keyId = given().auth().oauth2(alice).contentType("application/json")
        .body(Map.of("name", "from-console", "scopes", java.util.List.of("ingest")))
        .when().post("/api/v1/keys").then().statusCode(201).extract().path("id");
    given().auth().oauth2(alice).when().delete("/api/v1/keys/" + keyId).then().statusCode(204);
    // bob is an auditor: search, but no keys and no ingest.
    String bob = token("bob");
    given().auth().oauth2(bob).when().get("/api/v1/keys").then().statusCode(403);
    given().auth().oauth2(bob).contentType("application/x-ndjson")
        .body("{\"message\":\"x\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest").then().statusCode(403);
    given().auth().oauth2(bob).when().get("/api/v1/histogram").then().statusCode(200);
    // ...and read-only: an auditor reads saved searches but does not write them.
    given().auth().oauth2(bob).contentType("application/json").body(Map.of("name", "by bob"))
        .when().post("/api/v1/saved-searches").then().statusCode(403);
    given().auth().oauth2(bob).when().get("/api/v1/saved-searches").then().statusCode(200);
    String saved = given().auth().oauth2(alice).contentType("application/json")
        .body(Map.of("name", "by alice " + UUID.randomUUID()))
        .when().post("/api/v1/saved-searches").then().statusCode(201).extract().path("id");
    given().auth().oauth2(bob).when().delete("/api/v1/saved-searches/" + saved)
        .then().statusCode(403);
    // olivia is the operator: tenants, but no tenant of her own to search.
    given().auth().oauth2(token("olivia")).when().get("/api/v1/search").then().statusCode(403);
  }

  @Test
  void aTokenAskedForAtLocalhostAsABrowserWouldIsTheSame() {
    String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
        .replace("127.0.0.1", "localhost");
    given().auth().oauth2(token("carol", realm)).when().get("/api/v1/search").then().statusCode(200);
  }

  @Test
  void aForgedOrDamagedTokenIsRefused() {
    String alice = token("alice");
    String[] parts = alice.split("\\.");
    // Same header and signature, a payload claiming another tenant.
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"acme\"", "\"globex\"").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "." + parts[2];
    given().auth().oauth2(forged).when().get("/api/v1/search").then().statusCode(401);
    given().auth().oauth2(alice.substring(0, alice.length() - 4) + "AAAA").when()
        .get("/api/v1/search").then().statusCode(401);
  }

  @Test
  void onlyAccessTokensIssuedForStrataAreAccepted() {
    String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    String secret = ConfigProvider.getConfig()
        .getValue("quarkus.oidc.credentials.secret", String.class);
    // An ID token is signed by the same realm, but it is no access token.
    String idToken = given().formParams(Map.of("grant_type", "password", "client_id",
            "strata-console", "client_secret", secret, "username", "olivia", "password",
            "strata-demo", "scope", "openid"))
        .when().post(realm + "/protocol/openid-connect/token")
        .then().statusCode(200).extract().path("id_token");
    given().auth().oauth2(idToken).when().get("/api/v1/admin/tenants").then().statusCode(401);
    // A token the realm issued to another of its clients (here Keycloak's own admin-cli) carries
    // the operator role too, but is not meant for Strata.
    String otherClient = given().formParams(Map.of("grant_type", "password", "client_id",
            "admin-cli", "username", "olivia", "password", "strata-demo"))
        .when().post(realm + "/protocol/openid-connect/token")
        .then().statusCode(200).extract().path("access_token");
    given().auth().oauth2(otherClient).when().get("/api/v1/admin/tenants").then().statusCode(401);
    given().auth().oauth2(token("olivia")).when().get("/api/v1/admin/tenants").then().statusCode(200);
  }

  @Test
  void junkTokensAreRefusedWithoutAskingTheIdentityProvider() {
    // A well-formed JWT signed by a key the realm does not have: refused from the keys Strata holds.
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + UUID.randomUUID() + "\"}");
    String payload = b64("{\"sub\":\"x\",\"tenant\":\"acme\",\"typ\":\"Bearer\"}");
    for (int i = 0; i < 20; i++) {
      given().auth().oauth2(header + "." + payload + "." + b64("sig" + i)).when()
          .get("/api/v1/search").then().statusCode(401);
    }
    // The realm records every introspection request (see its event settings): there was none.
    String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    String base = realm.substring(0, realm.indexOf("/realms/"));
    String adminPassword;
    try {
      adminPassword = java.nio.file.Files.readString(java.nio.file.Path.of(ConfigProvider.getConfig()
          .getValue("strata.data-dir", String.class), "keycloak", "home", "admin-password")).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String admin = given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
            "username", "admin", "password", adminPassword))
        .when().post(base + "/realms/master/protocol/openid-connect/token")
        .then().statusCode(200).extract().path("access_token");
    java.util.List<Object> introspections = given().auth().oauth2(admin)
        .queryParam("type", "INTROSPECT_TOKEN", "INTROSPECT_TOKEN_ERROR")
        .when().get(base + "/admin/realms/strata/events")
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(introspections).isEmpty();
  }

  private static String b64(String text) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
