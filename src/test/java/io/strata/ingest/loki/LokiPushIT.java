package io.strata.ingest.loki;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.matchesPattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Captures;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Loki's push API as real Loki clients use it, through to search. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class LokiPushIT {

  private static final Map<String, String> ALL_TIME = Map.of("from", "2000-01-01T00:00:00Z",
      "to", "2100-01-01T00:00:00Z");

  private String tenant;
  private String key;
  private String marker;

  @BeforeEach
  void tenant() {
    tenant = TestTenants.newTenant("loki");
    key = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Logs through a loki4j appender of its own logback context, then stops it (which flushes). */
  private void logWithLoki4j(boolean protobuf) throws Exception {
    LoggerContext context = new LoggerContext();
    // Outside SLF4J's own initialisation (Quarkus keeps SLF4J), logback needs its MDC set up here.
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("lokiUrl", "http://127.0.0.1:" + RestAssured.port + "/loki/api/v1/push");
    context.putProperty("lokiKey", key);
    context.putProperty("lokiProtobuf", Boolean.toString(protobuf));
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LokiPushIT.class.getResource("/loki4j-test.xml"));
    Logger log = context.getLogger("io.strata.demo.Checkout");
    log.info("order placed {}", marker);
    log.warn("payment slow {}", marker);
    log.error("payment failed " + marker, new IllegalStateException("card declined"));
    context.stop();
  }

  @Test
  void loki4jJsonEventsBecomeSearchableWithTheirLabelsAndMetadata() throws Exception {
    logWithLoki4j(false);
    assertLoki4jEvents();
  }

  @Test
  void loki4jProtobufEventsBecomeSearchableWithTheirLabelsAndMetadata() throws Exception {
    logWithLoki4j(true);
    assertLoki4jEvents();
  }

  private void assertLoki4jEvents() {
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 3);
    List<Map<String, Object>> events = found.getList("events");
    assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("service", "checkout")
        .containsEntry("environment", "test").containsEntry("logger", "io.strata.demo.Checkout")
        .containsKeys("thread", "@timestamp", "ingested_at"));
    assertThat(events).extracting(e -> e.get("level"))
        .containsExactlyInAnyOrder("INFO", "WARN", "ERROR");
    Map<String, Object> failed = events.stream().filter(e -> "ERROR".equals(e.get("level")))
        .findFirst().orElseThrow();
    assertThat((String) failed.get("message")).startsWith("payment failed " + marker)
        .contains("IllegalStateException: card declined");
    assertThat(Events.search(key, Map.of("q", marker + " AND level:WARN")).getInt("total"))
        .isEqualTo(1);
  }

  @Test
  void capturedClientRequestsAreAcceptedAndSearchable() {
    Map<String, Integer> perJob = new LinkedHashMap<>();
    for (String request : List.of("loki4j-json/001-POST-loki_api_v1_push",
        "loki4j-protobuf/001-POST-loki_api_v1_push", "pino-loki/001-POST-loki_api_v1_push",
        "winston-loki-json/001-POST-loki_api_v1_push",
        "winston-loki-protobuf/001-POST-loki_api_v1_push")) {
      HttpResponse<String> response = Captures.replay(request, Captures.basic(key));
      assertThat(response.statusCode()).as(request + ": " + response.body()).isEqualTo(204);
    }
    // pino-loki: app healthapp, one stream per line; winston: app openssh (labels), twice (JSON
    // and protobuf); loki4j: app spark (labels) with the job in structured metadata.
    Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
    params.put("q", "service:healthapp AND job:pino");
    assertThat(Events.awaitTotal(key, params, 6).getList("events", Map.class))
        .allSatisfy(e -> assertThat(e).containsEntry("host", "vm").containsKey("level"));
    params.put("q", "service:openssh AND job:winston");
    Events.awaitTotal(key, params, 12);
    // The label app="openssh" is found by the name it was sent with, too.
    params.put("q", "app:openssh AND job:winston");
    assertThat(Events.search(key, params).getInt("total")).isEqualTo(12);
    params.put("q", "service:spark AND job:\"spark-2k\" AND level:ERROR");
    assertThat(Events.awaitTotal(key, params, 2).getList("events", Map.class))
        .allSatisfy(e -> assertThat(e).containsEntry("host", "vm").containsEntry("thread", "main")
            .containsEntry("logger", "org.apache.spark.executor.Executor"));
  }

  @Test
  void protobufIsReadWithOrWithoutASnappyContentEncodingAndJsonWithGzip() throws Exception {
    String json = "{\"streams\":[{\"stream\":{\"service_name\":\"billing\"},\"values\":[[\""
        + System.currentTimeMillis() * 1_000_000L + "\",\"invoice sent " + marker + "\"]]}]}";
    byte[] snappyProtobuf = Captures.bytes("winston-loki-protobuf/001-POST-loki_api_v1_push.body");
    given().header("Authorization", "Bearer " + key).contentType("application/x-protobuf")
        .header("Content-Encoding", "snappy").body(snappyProtobuf)
        .when().post("/loki/api/v1/push").then().statusCode(204).body(emptyString());
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    }
    given().header("X-API-Key", key).contentType(ContentType.JSON).header("Content-Encoding", "gzip")
        .body(gzipped.toByteArray())
        .when().post("/loki/api/v1/push").then().statusCode(204);
    // A protobuf body wrapped in gzip (Loki undoes the gzip, then Snappy).
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(both)) {
      gzip.write(snappyProtobuf);
    }
    given().header("Authorization", Captures.basic(key)).contentType("application/x-protobuf")
        .header("Content-Encoding", "gzip").body(both.toByteArray())
        .when().post("/loki/api/v1/push").then().statusCode(204);
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 1);
    assertThat(found.getMap("events[0]")).containsEntry("service", "billing")
        .containsEntry("message", "invoice sent " + marker);
    Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
    params.put("q", "service:openssh");
    Events.awaitTotal(key, params, 12);
    given().header("Authorization", Captures.basic(key)).contentType("application/x-protobuf")
        .body(Snappy.compress("not protobuf at all".getBytes(StandardCharsets.UTF_8)))
        .when().post("/loki/api/v1/push").then().statusCode(400)
        .body(containsString("malformed protobuf"));
    given().header("Authorization", Captures.basic(key)).contentType("application/x-protobuf")
        .body("{\"streams\":[]}".getBytes(StandardCharsets.UTF_8))
        .when().post("/loki/api/v1/push").then().statusCode(400).body(containsString("Snappy"));
  }

  /**
   * The bodies of an adversarial probe: a literal whose length overflowed an int (once a 500 with a
   * stack trace) and 7 bytes declaring 32 MiB (once allocated before failing). Both are malformed
   * blocks: a plain-text 400 naming Snappy, with or without the snappy Content-Encoding.
   */
  @Test
  void craftedSnappyBlocksAreA400NeverA500() {
    byte[] overflowingLiteral = {10, (byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f,
        'a', 'b', 'c'};
    byte[] inflatedLength = {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10, 0x00, 'a', 0x00};
    for (byte[] body : List.of(overflowingLiteral, inflatedLength)) {
      given().header("Authorization", Captures.basic(key)).contentType("application/x-protobuf")
          .body(body)
          .when().post("/loki/api/v1/push")
          .then().statusCode(400).contentType(startsWithText())
          .body(containsString("Snappy")).body(org.hamcrest.Matchers.not(containsString("at io.")));
      given().header("Authorization", Captures.basic(key)).contentType(ContentType.JSON)
          .header("Content-Encoding", "snappy").body(body)
          .when().post("/loki/api/v1/push")
          .then().statusCode(400).contentType(startsWithText());
    }
  }

  @Test
  void badEntriesGetA400WithTheReasonAndTheirNeighboursAreKept() {
    long now = System.currentTimeMillis() * 1_000_000L;
    String body = """
        {"streams":[{"stream":{"app":"shop"},"values":[
          ["%2$d","first %1$s"],["not-a-time","broken %1$s"],["%2$d","third %1$s",{"trace_id":"abc123"}]]}]}
        """.formatted(marker, now);
    given().header("Authorization", Captures.basic(key)).contentType(ContentType.JSON).body(body)
        .when().post("/loki/api/v1/push")
        .then().statusCode(400).contentType(startsWithText())
        .body(containsString("'not-a-time'")).body(containsString("total ignored: 1 out of 3"));
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 2);
    assertThat(found.getList("events.message", String.class))
        .containsExactlyInAnyOrder("first " + marker, "third " + marker);
    assertThat(Events.search(key, Map.of("q", "trace_id:abc123 AND " + marker)).getInt("total"))
        .isEqualTo(1);
  }

  @Test
  void credentialsAndRateLimitsAnswerAsLokiClientsExpect() {
    given().contentType(ContentType.JSON).body("{\"streams\":[]}")
        .when().post("/loki/api/v1/push").then().statusCode(401).contentType(startsWithText());
    given().header("Authorization", Captures.basic("strata_wrong")).contentType(ContentType.JSON)
        .body("{\"streams\":[]}")
        .when().post("/loki/api/v1/push").then().statusCode(401);
    given().header("Authorization", Captures.basic(TestTenants.newKey(tenant, "search")))
        .contentType(ContentType.JSON).body("{\"streams\":[]}")
        .when().post("/loki/api/v1/push").then().statusCode(403);

    String limited = "lokiquota-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", limited, "name", "Limited", "max_events_per_second", 10))
        .when().post("/api/v1/admin/tenants").then().statusCode(201);
    String limitedKey = TestTenants.newKey(limited, "ingest");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      values.append(i == 0 ? "" : ",").append("[\"").append(System.currentTimeMillis() * 1_000_000L)
          .append("\",\"line ").append(i).append("\"]");
    }
    String body = "{\"streams\":[{\"stream\":{\"app\":\"q\"},\"values\":[" + values + "]}]}";
    given().header("Authorization", Captures.basic(limitedKey)).contentType(ContentType.JSON)
        .body(body).when().post("/loki/api/v1/push").then().statusCode(204);
    given().header("Authorization", Captures.basic(limitedKey)).contentType(ContentType.JSON)
        .body(body).when().post("/loki/api/v1/push")
        .then().statusCode(429).header("Retry-After", matchesPattern("[1-9]"))
        .body(containsString("events per second"));
  }

  private static org.hamcrest.Matcher<String> startsWithText() {
    return org.hamcrest.Matchers.startsWith("text/plain");
  }
}
