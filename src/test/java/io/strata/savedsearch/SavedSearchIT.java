package io.strata.savedsearch;

import static io.restassured.RestAssured.given;
import static io.strata.testing.TestTenants.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class SavedSearchIT {

  private static final String PATH = "/api/v1/saved-searches";

  @Test
  void createListGetReplaceDeleteRoundTrip() {
    String tenant = TestTenants.newTenant("saved");
    String key = TestTenants.newKey(tenant, "search");

    var created = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "Checkout errors", "q", "level:ERROR AND service:checkout",
            "from", "now-15m", "to", "now", "columns", List.of("service", "http.status", "message")))
        .when().post(PATH)
        .then().statusCode(201)
        .body("id", notNullValue()).body("tenant", equalTo(tenant))
        .body("name", equalTo("Checkout errors")).body("q", equalTo("level:ERROR AND service:checkout"))
        .body("from", equalTo("now-15m")).body("to", equalTo("now"))
        .body("columns", equalTo(List.of("service", "http.status", "message")))
        .body("created_at", notNullValue()).body("updated_at", notNullValue())
        .body("created_by", startsWith("key_"))
        .extract();
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith(PATH + "/" + id);

    given().auth().oauth2(key).when().get(PATH)
        .then().statusCode(200).body("id", equalTo(List.of(id)));
    given().auth().oauth2(key).when().get(created.header("Location"))
        .then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("Checkout errors"))
        .body("columns", equalTo(List.of("service", "http.status", "message")));

    // PUT replaces: what the body leaves out is cleared.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "Slow checkout", "q", "duration_ms:>250", "from", "2026-11-27T08:00:00Z"))
        .when().put(PATH + "/" + id)
        .then().statusCode(200)
        .body("id", equalTo(id)).body("name", equalTo("Slow checkout")).body("q", equalTo("duration_ms:>250"))
        .body("from", equalTo("2026-11-27T08:00:00Z")).body("to", nullValue()).body("columns", nullValue())
        .body("created_at", equalTo(created.<String>path("created_at")))
        .body("created_by", equalTo(created.<String>path("created_by")));
    given().auth().oauth2(key).when().get(PATH + "/" + id)
        .then().statusCode(200).body("name", equalTo("Slow checkout")).body("to", nullValue());

    given().auth().oauth2(key).when().delete(PATH + "/" + id).then().statusCode(204);
    given().auth().oauth2(key).when().get(PATH + "/" + id)
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(key).when().delete(PATH + "/" + id)
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(key).when().get(PATH).then().statusCode(200).body("$", empty());
  }

  @Test
  void listIsOrderedByNameAndQueryMayBeEmpty() {
    String key = TestTenants.newKey(TestTenants.newTenant("order"), "search");
    for (String name : List.of("charlie", "alpha", "bravo")) {
      given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", name))
          .when().post(PATH).then().statusCode(201).body("q", equalTo(""));
    }
    given().auth().oauth2(key).when().get(PATH)
        .then().statusCode(200).body("name", equalTo(List.of("alpha", "bravo", "charlie")));
  }

  @Test
  void duplicateNameIsAConflict() {
    String key = TestTenants.newKey(TestTenants.newTenant("dupname"), "search");
    create(key, "errors");
    String other = create(key, "warnings");

    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "errors", "q", "x"))
        .when().post(PATH)
        .then().statusCode(409).contentType("application/problem+json")
        .body("status", equalTo(409)).body("field", equalTo("name"));
    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", " errors "))
        .when().put(PATH + "/" + other)
        .then().statusCode(409).body("field", equalTo("name"));
    // Keeping its own name is no conflict.
    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "warnings", "q", "level:WARN"))
        .when().put(PATH + "/" + other)
        .then().statusCode(200).body("q", equalTo("level:WARN"));
    // Names are unique per tenant only.
    String elsewhere = TestTenants.newKey(TestTenants.newTenant("dupname"), "search");
    create(elsewhere, "errors");
  }

  @Test
  void badBodiesAreRejectedNamingTheField() {
    String key = TestTenants.newKey(TestTenants.newTenant("invalid"), "search");
    String id = create(key, "valid");
    List<Map.Entry<String, Map<String, Object>>> cases = List.of(
        Map.entry("name", body("q", "x")),
        Map.entry("name", body("name", "   ")),
        Map.entry("name", body("name", "n".repeat(201))),
        Map.entry("q", body("name", "long query", "q", "a".repeat(4097))),
        Map.entry("from", body("name", "bad from", "from", "yesterday")),
        Map.entry("to", body("name", "bad to", "to", "now-5x")),
        Map.entry("from", body("name", "reversed", "from", "now", "to", "now-1h")),
        Map.entry("columns", body("name", "blank column", "columns", List.of("service", " "))));
    for (var bad : cases) {
      for (ValidatableResponse response : List.of(
          given().auth().oauth2(key).contentType(ContentType.JSON).body(bad.getValue()).when().post(PATH).then(),
          given().auth().oauth2(key).contentType(ContentType.JSON).body(bad.getValue())
              .when().put(PATH + "/" + id).then())) {
        response.statusCode(400).contentType("application/problem+json")
            .body("status", equalTo(400)).body("field", equalTo(bad.getKey()));
      }
    }
    given().auth().oauth2(key).contentType(ContentType.JSON).body("{\"name\":")
        .when().post(PATH).then().statusCode(400).contentType("application/problem+json");
    // At the limits exactly, all is well.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(body("name", "n".repeat(200), "q", "a".repeat(4096), "from", "2026-11-27T08:00:00Z",
            "to", "1795769400000"))
        .when().post(PATH).then().statusCode(201);
    given().auth().oauth2(key).when().get(PATH + "/" + id).then().statusCode(200).body("name", equalTo("valid"));
  }

  @Test
  void anotherTenantsSavedSearchIsNotFound() {
    String owner = TestTenants.newKey(TestTenants.newTenant("owner"), "search");
    String intruderTenant = TestTenants.newTenant("intruder");
    String intruder = TestTenants.newKey(intruderTenant, "search", "admin", "ingest");
    String id = create(owner, "private");

    var foreign = given().auth().oauth2(intruder).when().get(PATH + "/" + id)
        .then().statusCode(404).contentType("application/problem+json").extract().jsonPath();
    var missing = given().auth().oauth2(intruder).when().get(PATH + "/" + "no-such-id")
        .then().statusCode(404).extract().jsonPath();
    assertThat(foreign.getString("type")).isEqualTo(missing.getString("type"));
    assertThat(foreign.getString("detail")).isEqualTo(missing.getString("detail").replace("no-such-id", id));

    given().auth().oauth2(intruder).contentType(ContentType.JSON).body(Map.of("name", "mine now"))
        .when().put(PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(intruder).when().delete(PATH + "/" + id)
        .then().statusCode(404).contentType("application/problem+json");
    given().auth().oauth2(intruder).when().get(PATH).then().statusCode(200).body("id", not(hasItem(id)));

    // A tenant named in the body is ignored: the key decides.
    given().auth().oauth2(intruder).contentType(ContentType.JSON)
        .body(Map.of("name", "planted", "tenant", "owner-does-not-matter"))
        .when().post(PATH).then().statusCode(201).body("tenant", equalTo(intruderTenant));

    given().auth().oauth2(owner).when().get(PATH + "/" + id)
        .then().statusCode(200).body("name", equalTo("private"));
    given().auth().oauth2(owner).when().get(PATH).then().body("name", equalTo(List.of("private")));
  }

  @Test
  void savedSearchesNeedTheSearchScope() {
    String tenant = TestTenants.newTenant("scopes");
    String id = create(TestTenants.newKey(tenant, "search"), "s");
    for (String key : List.of(TestTenants.newKey(tenant, "ingest"), TestTenants.newKey(tenant, "admin"),
        OPERATOR_KEY)) {
      given().auth().oauth2(key).when().get(PATH)
          .then().statusCode(403).contentType("application/problem+json");
      given().auth().oauth2(key).when().get(PATH + "/" + id).then().statusCode(403);
      given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "x"))
          .when().post(PATH).then().statusCode(403);
      given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "x"))
          .when().put(PATH + "/" + id).then().statusCode(403);
      given().auth().oauth2(key).when().delete(PATH + "/" + id).then().statusCode(403);
    }
    given().when().get(PATH).then().statusCode(401).contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"));
    given().contentType(ContentType.JSON).body(Map.of("name", "x")).when().post(PATH)
        .then().statusCode(401);
    given().when().delete(PATH + "/" + id).then().statusCode(401);
    given().auth().oauth2("strata_not-a-key").when().get(PATH).then().statusCode(401);
  }

  @Test
  void aTenantKeepsAtMostAThousand() {
    String key = TestTenants.newKey(TestTenants.newTenant("limit"), "search");
    String first = null;
    for (int i = 0; i < SavedSearchService.MAX_PER_TENANT; i++) {
      String id = create(key, "search %04d".formatted(i));
      first = first == null ? id : first;
    }
    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "one too many"))
        .when().post(PATH)
        .then().statusCode(409).contentType("application/problem+json")
        .body("type", endsWith("/too-many-saved-searches")).body("limit", equalTo(1000))
        .body("detail", containsString("1000"));
    given().auth().oauth2(key).when().delete(PATH + "/" + first).then().statusCode(204);
    create(key, "one too many");
  }

  @Test
  void concurrentCreatesWithOneNameMakeOneSavedSearch() throws Exception {
    String key = TestTenants.newKey(TestTenants.newTenant("race"), "search");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(RestAssured.baseURI + ":" + RestAssured.port + PATH))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"same\"}")).build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (var response : sent) {
      statuses.add(response.get(30, TimeUnit.SECONDS).statusCode());
    }
    assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
    given().auth().oauth2(key).when().get(PATH).then().body("name", equalTo(List.of("same")));
  }

  private static String create(String key, String name) {
    return given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", name, "q", "error"))
        .when().post(PATH).then().statusCode(201).extract().path("id");
  }

  private static Map<String, Object> body(Object... pairs) {
    Map<String, Object> body = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put((String) pairs[i], pairs[i + 1]);
    }
    return body;
  }
}
