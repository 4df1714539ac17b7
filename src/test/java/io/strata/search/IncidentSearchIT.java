package io.strata.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Histogram, facets, field discovery, event lookup, context and trace over events that went through
 * the real pipeline (ingest, Kafka, indexer), and none of them reaching another tenant.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class IncidentSearchIT {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static String key;
  private static String otherKey;
  private static Instant base;

  @BeforeEach
  void ingestOnce() {
    if (key != null) {
      return;
    }
    String tenant = TestTenants.newTenant("incident");
    key = TestTenants.newKey(tenant, "ingest", "search");
    otherKey = TestTenants.newKey(TestTenants.newTenant("bystander"), "ingest", "search");
    base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    String body = String.join("\n",
        event(0, "INFO", "checkout", "web-1", "order 1001 placed",
            ",\"trace_id\":\"" + TRACE + "\",\"request_id\":\"req-7\""),
        event(10, "ERROR", "payments", "pay-1", "card declined", ",\"trace_id\":\"" + TRACE + "\""),
        event(20, "WARN", "checkout", "web-1", "retrying payment", ",\"trace_id\":\"" + TRACE + "\""),
        event(30, "INFO", "checkout", "web-2", "order 1002 placed", ""),
        event(65, "INFO", "email", "mail-1", "confirmation mail queued", ",\"request_id\":\"req-7\""),
        event(125, "ERROR", "checkout", "web-1", "payment failed for order 1001",
            ",\"http\":{\"status\":502}"),
        event(130, "INFO", "checkout", "web-1", "order 1003 placed",
            ",\"http\":{\"status\":\"200\"}")) + "\n";
    Events.ingestNdjson(key, body);
    // The bystander has an event in the same minutes, with the same service and trace id.
    Events.ingestNdjson(otherKey, event(15, "ERROR", "checkout", "web-1", "bystander event",
        ",\"trace_id\":\"" + TRACE + "\"") + "\n");
    Events.awaitTotal(key, range(""), 7);
    Events.awaitTotal(otherKey, range(""), 1);
  }

  private static String event(int second, String level, String service, String host,
      String message, String extra) {
    return "{\"@timestamp\":\"" + base.plusSeconds(second) + "\",\"level\":\"" + level
        + "\",\"service\":\"" + service + "\",\"host\":\"" + host + "\",\"message\":\"" + message
        + "\"" + extra + "}";
  }

  private static Map<String, Object> range(String q) {
    return Map.of("q", q, "from", base.toString(), "to", base.plusSeconds(179).toString());
  }

  private static JsonPath get(String path, Map<String, ?> params, int status) {
    return given().auth().oauth2(key).queryParams(params).when().get(path)
        .then().statusCode(status).extract().jsonPath();
  }

  private static String idOf(String message) {
    JsonPath found = Events.search(key, Map.of("q", "message:\"" + message + "\"",
        "from", base.toString(), "to", base.plusSeconds(179).toString()));
    assertThat(found.getList("events")).hasSize(1);
    return found.getString("events[0]._id");
  }

  private static List<String> messages(JsonPath answer, String path) {
    return answer.getList(path + ".message", String.class);
  }

  @Test
  void histogramCountsPerBucketOldestFirstWithEmptyBuckets() {
    JsonPath h = get("/api/v1/histogram", Map.of("from", base.toString(),
        "to", base.plusSeconds(239).toString(), "interval", "1m"), 200);
    assertThat(h.getString("interval")).isEqualTo("1m");
    assertThat(h.getLong("total")).isEqualTo(7);
    assertThat(h.getList("buckets.start", String.class)).containsExactly(base.toString(),
        base.plusSeconds(60).toString(), base.plusSeconds(120).toString(),
        base.plusSeconds(180).toString());
    assertThat(h.getList("buckets.count", Long.class)).containsExactly(4L, 1L, 2L, 0L);
    assertThat(h.getMap("buckets[0]")).doesNotContainKey("split");
  }

  @Test
  void countingRangesAndVisitingMatchesAgree() {
    // Without a query the buckets are counted as ranges of the index; with a split the matches
    // are visited one by one. Both must give the same counts, over any range and interval.
    for (String interval : List.of("1s", "7s", "1m", "1h")) {
      Map<String, String> range = Map.of("from", base.minusSeconds(3).toString(),
          "to", base.plusSeconds(131).toString(), "interval", interval);
      JsonPath ranges = get("/api/v1/histogram", range, 200);
      // Split by the most frequent level only, events of the other levels count in the totals.
      for (String size : List.of("10", "1")) {
        Map<String, String> split = new java.util.HashMap<>(range);
        split.put("split", "level");
        split.put("split_size", size);
        JsonPath visited = get("/api/v1/histogram", split, 200);
        assertThat(ranges.getList("buckets.count", Long.class)).as(interval + ", " + size)
            .isEqualTo(visited.getList("buckets.count", Long.class));
      }
      assertThat(ranges.getLong("total")).isEqualTo(7);
    }
  }

  @Test
  void histogramFollowsTheQuery() {
    JsonPath h = get("/api/v1/histogram", Map.of("q", "level:error", "from", base.toString(),
        "to", base.plusSeconds(179).toString(), "interval", "1m"), 200);
    assertThat(h.getList("buckets.count", Long.class)).containsExactly(1L, 0L, 1L);
    assertThat(h.getLong("total")).isEqualTo(2);
  }

  @Test
  void histogramSplitByADocValuesFieldAndByANumber() {
    JsonPath byLevel = get("/api/v1/histogram", Map.of("from", base.toString(),
        "to", base.plusSeconds(179).toString(), "interval", "1m", "split", "level"), 200);
    assertThat(byLevel.getString("split")).isEqualTo("level");
    assertThat(byLevel.getMap("buckets[0].split"))
        .isEqualTo(Map.of("INFO", 2, "ERROR", 1, "WARN", 1));
    assertThat(byLevel.getMap("buckets[1].split")).isEqualTo(Map.of("INFO", 1));
    assertThat(byLevel.getMap("buckets[2].split")).isEqualTo(Map.of("INFO", 1, "ERROR", 1));

    // http.status was sent as the number 502 once and as the string "200" once.
    JsonPath byStatus = get("/api/v1/histogram", Map.of("from", base.toString(),
        "to", base.plusSeconds(179).toString(), "interval", "1m", "split", "http.status"), 200);
    assertThat(byStatus.getMap("buckets[0].split")).isEmpty();
    assertThat(byStatus.getMap("buckets[2].split")).isEqualTo(Map.of("502", 1, "200", 1));

    JsonPath top1 = get("/api/v1/histogram", Map.of("from", base.toString(),
        "to", base.plusSeconds(179).toString(), "interval", "1m", "split", "service",
        "split_size", "1"), 200);
    assertThat(top1.getMap("buckets[0].split")).isEqualTo(Map.of("checkout", 3));
    assertThat(top1.getMap("buckets[1].split")).isEmpty();
  }

  @Test
  void automaticIntervalGivesSixtyToOneHundredTwentyBuckets() {
    for (String span : List.of("now-15m", "now-1h", "now-24h", "now-7d")) {
      JsonPath h = get("/api/v1/histogram", Map.of("from", span), 200);
      assertThat(h.getList("buckets")).as(span).hasSizeBetween(60, 121);
    }
    JsonPath day = get("/api/v1/histogram", Map.of("from", "now-24h"), 200);
    assertThat(day.getString("interval")).isEqualTo("15m");
    assertThat(day.getLong("total")).isEqualTo(7);
  }

  @Test
  void badHistogramParametersAreProblems() {
    given().auth().oauth2(key).queryParam("interval", "5x").when().get("/api/v1/histogram")
        .then().statusCode(400).contentType("application/problem+json")
        .body("parameter", equalTo("interval"));
    given().auth().oauth2(key).queryParams(Map.of("interval", "1s", "from", "now-30d"))
        .when().get("/api/v1/histogram")
        .then().statusCode(400).body("parameter", equalTo("interval"));
    given().auth().oauth2(key).queryParams(Map.of("split", "level", "split_size", "0"))
        .when().get("/api/v1/histogram")
        .then().statusCode(400).body("parameter", equalTo("split_size"));
    given().auth().oauth2(key).queryParams(Map.of("q", "level:(error"))
        .when().get("/api/v1/histogram")
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void facetsCountTopValuesOverTheMatches() {
    JsonPath all = get("/api/v1/facets", Map.of("from", base.toString(),
        "to", base.plusSeconds(179).toString(), "fields", "service,level,host", "size", "2"), 200);
    assertThat(all.getLong("total")).isEqualTo(7);
    assertThat(all.getList("facets.service.value", String.class))
        .containsExactly("checkout", "email");
    assertThat(all.getList("facets.service.count", Long.class)).containsExactly(5L, 1L);
    assertThat(all.getList("facets.level.value", String.class)).containsExactly("INFO", "ERROR");
    assertThat(all.getList("facets.level.count", Long.class)).containsExactly(4L, 2L);
    assertThat(all.getList("facets.host.value", String.class)).containsExactly("web-1", "mail-1");

    JsonPath errors = get("/api/v1/facets", Map.of("q", "level:ERROR", "from", base.toString(),
        "to", base.plusSeconds(179).toString(), "fields", "service,http.status,trace_id"), 200);
    assertThat(errors.getLong("total")).isEqualTo(2);
    assertThat(errors.getList("facets.service.value", String.class))
        .containsExactly("checkout", "payments");
    assertThat(errors.getList("facets.'http.status'.value", String.class)).containsExactly("502");
    assertThat(errors.getList("facets.trace_id.value", String.class)).containsExactly(TRACE);
  }

  @Test
  void facetOfAFieldSentAsNumberAndAsString() {
    JsonPath status = get("/api/v1/facets", Map.of("from", base.toString(),
        "to", base.plusSeconds(179).toString(), "fields", "http.status"), 200);
    assertThat(status.getList("facets.'http.status'.value", String.class))
        .containsExactly("200", "502");
    given().auth().oauth2(key).queryParam("size", "0").when().get("/api/v1/facets")
        .then().statusCode(400).contentType("application/problem+json")
        .body("parameter", equalTo("size"));
    given().auth().oauth2(key).queryParam("fields", " , ").when().get("/api/v1/facets")
        .then().statusCode(400).body("parameter", equalTo("fields"));
  }

  @Test
  void fieldsListNamesTypesAndDistinctCounts() {
    JsonPath fields = get("/api/v1/fields", Map.of("from", base.toString()), 200);
    Map<String, Object> service = field(fields, "service");
    assertThat(service.get("types")).isEqualTo(List.of("keyword"));
    assertThat(service.get("distinct")).isEqualTo(3);
    assertThat(service.get("events")).isEqualTo(7);
    assertThat(field(fields, "http.status").get("types")).isEqualTo(List.of("keyword", "number"));
    assertThat(field(fields, "message").get("types")).isEqualTo(List.of("text"));
    assertThat(field(fields, "@timestamp").get("types")).isEqualTo(List.of("date"));
    assertThat(fields.getList("fields.name", String.class))
        .doesNotContain("_seq", "_source", "_ingested", "http.status#num");
  }

  private static Map<String, Object> field(JsonPath fields, String name) {
    List<Map<String, Object>> all = fields.getList("fields");
    return all.stream().filter(f -> name.equals(f.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no field " + name + " in " + all));
  }

  @Test
  void eventLookupByIdAndUnknownIds() {
    String id = idOf("card declined");
    JsonPath event = get("/api/v1/events/" + id, Map.of(), 200);
    assertThat(event.getString("message")).isEqualTo("card declined");
    assertThat(event.getString("_id")).isEqualTo(id);

    String[] parts = id.split("-");
    String sameTimeOtherSeq = parts[0] + "-" + Long.toString(Long.parseLong(parts[1], 36) + 999, 36);
    for (String unknown : List.of(sameTimeOtherSeq, "zzzz-1", "not-an-id", "x")) {
      given().auth().oauth2(key).when().get("/api/v1/events/" + unknown)
          .then().statusCode(404).contentType("application/problem+json");
      given().auth().oauth2(key).when().get("/api/v1/events/" + unknown + "/context")
          .then().statusCode(404).contentType("application/problem+json");
    }
  }

  @Test
  void contextIsTheSameServiceAndHostAroundTheEvent() {
    JsonPath context = get("/api/v1/events/" + idOf("retrying payment") + "/context",
        Map.of("before", "5", "after", "5"), 200);
    assertThat(context.getString("event.message")).isEqualTo("retrying payment");
    assertThat(messages(context, "before")).containsExactly("order 1001 placed");
    assertThat(messages(context, "after"))
        .containsExactly("payment failed for order 1001", "order 1003 placed");

    JsonPath narrow = get("/api/v1/events/" + idOf("payment failed for order 1001") + "/context",
        Map.of("before", "1", "after", "1"), 200);
    assertThat(messages(narrow, "before")).containsExactly("retrying payment");
    assertThat(messages(narrow, "after")).containsExactly("order 1003 placed");

    JsonPath defaults = get("/api/v1/events/" + idOf("order 1002 placed") + "/context",
        Map.of(), 200);
    assertThat(messages(defaults, "before")).isEmpty();
    assertThat(messages(defaults, "after")).isEmpty();

    given().auth().oauth2(key).queryParam("before", "-1")
        .when().get("/api/v1/events/" + idOf("card declined") + "/context")
        .then().statusCode(400).body("parameter", equalTo("before"));
  }

  @Test
  void traceFollowsOneRequestAcrossServices() {
    JsonPath trace = get("/api/v1/trace/" + TRACE, Map.of(), 200);
    assertThat(trace.getString("id")).isEqualTo(TRACE);
    assertThat(messages(trace, "events"))
        .containsExactly("order 1001 placed", "card declined", "retrying payment");
    assertThat(trace.getList("services", String.class)).containsExactly("checkout", "payments");
    assertThat(trace.getString("start")).isEqualTo(base.toString());
    assertThat(trace.getString("end")).isEqualTo(base.plusSeconds(20).toString());
    assertThat(trace.getLong("duration_ms")).isEqualTo(20_000);
    assertThat(trace.getBoolean("truncated")).isFalse();

    // Upper case, as some tracers print it, is the same trace.
    assertThat(messages(get("/api/v1/trace/" + TRACE.toUpperCase(), Map.of(), 200), "events"))
        .hasSize(3);

    JsonPath request = get("/api/v1/trace/req-7", Map.of(), 200);
    assertThat(messages(request, "events"))
        .containsExactly("order 1001 placed", "confirmation mail queued");
    assertThat(request.getList("services", String.class)).containsExactly("checkout", "email");

    JsonPath limited = get("/api/v1/trace/" + TRACE, Map.of("limit", "2"), 200);
    assertThat(messages(limited, "events")).hasSize(2);
    assertThat(limited.getLong("total")).isEqualTo(3);
    assertThat(limited.getBoolean("truncated")).isTrue();

    given().auth().oauth2(key).when().get("/api/v1/trace/no-such-request")
        .then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void noneOfTheseReachAnotherTenant() {
    String id = idOf("card declined");
    given().auth().oauth2(otherKey).when().get("/api/v1/events/" + id)
        .then().statusCode(404);
    given().auth().oauth2(otherKey).when().get("/api/v1/events/" + id + "/context")
        .then().statusCode(404);
    JsonPath trace = given().auth().oauth2(otherKey).when().get("/api/v1/trace/" + TRACE)
        .then().statusCode(200).extract().jsonPath();
    assertThat(messages(trace, "events")).containsExactly("bystander event");
    given().auth().oauth2(otherKey).when().get("/api/v1/trace/req-7").then().statusCode(404);

    JsonPath histogram = given().auth().oauth2(otherKey).queryParams(range(""))
        .when().get("/api/v1/histogram").then().statusCode(200).extract().jsonPath();
    assertThat(histogram.getLong("total")).isEqualTo(1);
    JsonPath facets = given().auth().oauth2(otherKey).queryParams(range(""))
        .queryParam("fields", "service,host,level")
        .when().get("/api/v1/facets").then().statusCode(200).extract().jsonPath();
    assertThat(facets.getList("facets.service.value", String.class)).containsExactly("checkout");
    assertThat(facets.getList("facets.service.count", Long.class)).containsExactly(1L);
    JsonPath fields = given().auth().oauth2(otherKey).queryParam("from", base.toString())
        .when().get("/api/v1/fields").then().statusCode(200).extract().jsonPath();
    assertThat(fields.getList("fields.name", String.class)).doesNotContain("http.status",
        "request_id");
  }

  @Test
  void needsTheSearchScope() {
    String ingestOnly = TestTenants.newKey(TestTenants.newTenant("noscope"), "ingest");
    for (String path : List.of("/api/v1/histogram", "/api/v1/facets", "/api/v1/fields",
        "/api/v1/trace/" + TRACE, "/api/v1/events/" + idOf("card declined") + "/context")) {
      given().auth().oauth2(ingestOnly).when().get(path).then().statusCode(403);
      given().when().get(path).then().statusCode(401);
    }
  }
}
