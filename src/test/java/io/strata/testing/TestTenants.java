package io.strata.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates tenants and keys through the operator API, as a platform operator would. */
public final class TestTenants {

  /** The operator key of the test profile (see application.properties). */
  public static final String OPERATOR_KEY = "test-operator-key";

  private TestTenants() {}

  /** Creates a tenant with a unique id and returns the id. */
  public static String newTenant(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", id, "name", "Tenant " + id))
        .when().post("/api/v1/admin/tenants")
        .then().statusCode(201);
    return id;
  }

  /** Issues a key with {@code scopes} for {@code tenant} and returns its secret. */
  public static String newKey(String tenant, String... scopes) {
    return given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("name", "test", "scopes", List.of(scopes)))
        .when().post("/api/v1/admin/tenants/" + tenant + "/keys")
        .then().statusCode(201)
        .extract().path("key");
  }
}
