package io.strata.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Ingests events and waits for them to become searchable, through the public API. */
public final class Events {

  static {
    useTextEncodingForNdjson();
  }

  private Events() {}

  /** Lets RestAssured send String bodies as {@code application/x-ndjson}. */
  public static void useTextEncodingForNdjson() {
    RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
        .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT));
  }

  /** Sends an NDJSON body and returns the answer; fails unless the status is 200. */
  public static JsonPath ingestNdjson(String key, String body) {
    return given().auth().oauth2(key).contentType("application/x-ndjson")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest")
        .then().statusCode(200).extract().jsonPath();
  }

  /** Runs a search with the given query parameters and returns the answer; expects 200. */
  public static JsonPath search(String key, Map<String, ?> params) {
    return given().auth().oauth2(key).queryParams(params)
        .when().get("/api/v1/search")
        .then().statusCode(200).extract().jsonPath();
  }

  /** Waits (up to 10 s) until {@code q} finds exactly {@code total} events, and returns that answer. */
  public static JsonPath awaitTotal(String key, Map<String, ?> params, int total) {
    JsonPath[] last = new JsonPath[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      last[0] = search(key, params);
      return last[0].getInt("total") == total;
    });
    return last[0];
  }
}
