package io.strata.ingest.elastic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Captures;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Elasticsearch's bulk API as real clients and shippers use it, through to search. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ElasticBulkIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> ALL_TIME = Map.of("from", "2000-01-01T00:00:00Z",
      "to", "2100-01-01T00:00:00Z");

  private String tenant;
  private String key;
  private String marker;

  @BeforeEach
  void tenant() {
    Events.useTextEncodingForNdjson();
    tenant = TestTenants.newTenant("elastic");
    key = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  private ElasticsearchClient client(boolean compressed) {
    String encoded = Base64.getEncoder().encodeToString(("shipper:" + key).getBytes(StandardCharsets.UTF_8));
    return ElasticsearchClient.of(b -> b.host("http://127.0.0.1:" + RestAssured.port)
        .apiKey(encoded).useCompression(compressed));
  }

  private static Map<String, Object> doc(Object... pairs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      doc.put((String) pairs[i], pairs[i + 1]);
    }
    return doc;
  }

  @Test
  void theOfficialJavaClientWritesEventsThatBecomeSearchable() throws Exception {
    for (boolean compressed : new boolean[] {false, true}) {
      try (ElasticsearchClient client = client(compressed)) {
        InfoResponse info = client.info();
        assertThat(info.version().number()).startsWith("8.");
        assertThat(info.tagline()).isEqualTo("You Know, for Search");
        assertThat(client.ping().value()).isTrue();

        String suffix = compressed ? "gzip" : "plain";
        BulkResponse response = client.bulk(b -> b
            .operations(op -> op.index(i -> i.index("checkout-logs").document(doc(
                "@timestamp", "2026-11-27T08:40:00.123Z", "message", "payment declined " + marker,
                "level", "error", "service.name", "checkout", "trace.id", "4bf92f3577b34da6a3ce929d0e0e4736",
                "http", Map.of("status", 502), "variant", suffix))))
            .operations(op -> op.create(c -> c.index("checkout-logs").id("given-" + suffix).document(doc(
                "message", "retrying " + marker, "log.level", "WARN", "variant", suffix))))
            .operations(op -> op.index(i -> i.index("audit").document(doc(
                "msg", "user logged in " + marker, "user", Map.of("id", 42), "variant", suffix)))));

        assertThat(response.errors()).isFalse();
        assertThat(response.items()).extracting(BulkResponseItem::operationType)
            .containsExactly(OperationType.Index, OperationType.Create, OperationType.Index);
        assertThat(response.items()).extracting(BulkResponseItem::index)
            .containsExactly("checkout-logs", "checkout-logs", "audit");
        assertThat(response.items()).extracting(BulkResponseItem::status).containsOnly(201);
        assertThat(response.items().get(1).id()).isEqualTo("given-" + suffix);
        assertThat(response.items().get(0).id()).hasSize(20);
      }
    }

    JsonPath found = Events.awaitTotal(key, Map.of("q", marker + " AND variant:plain",
        "from", "2026-01-01T00:00:00Z", "to", "2100-01-01T00:00:00Z"), 3);
    Events.awaitTotal(key, Map.of("q", marker + " AND variant:gzip", "from", "2026-01-01T00:00:00Z",
        "to", "2100-01-01T00:00:00Z"), 3);
    Map<String, Object> declined = found.getList("events", Map.class).stream()
        .filter(e -> String.valueOf(e.get("message")).startsWith("payment declined"))
        .findFirst().orElseThrow();
    assertThat(declined).containsEntry("@timestamp", "2026-11-27T08:40:00.123Z")
        .containsEntry("stream", "checkout-logs").containsEntry("level", "ERROR")
        .containsEntry("service", "checkout").containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("http.status", 502);
    assertThat(Events.search(key, Map.of("q", marker + " AND stream:audit AND variant:plain"))
        .getList("events", Map.class)).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("message", "user logged in " + marker)
            .containsEntry("user.id", 42));
  }

  @Test
  void basicBearerAndRawApiKeyCredentialsAreAccepted() {
    String body = "{\"index\":{\"_index\":\"auth\"}}\n{\"message\":\"cred " + marker + "\"}\n";
    for (String authorization : List.of(Captures.basic(key), "Bearer " + key, "ApiKey " + key)) {
      given().header("Authorization", authorization).contentType("application/x-ndjson").body(body)
          .when().post("/_bulk")
          .then().statusCode(200).header("X-Elastic-Product", "Elasticsearch")
          .body("errors", equalTo(false)).body("items[0].index.status", equalTo(201));
    }
    Events.awaitTotal(key, Map.of("q", marker), 3);
  }

  @Test
  void aRetriedBulkWithIdsStoresEachDocumentOnce() throws InterruptedException {
    // As Fluent Bit with Generate_ID or Logstash with document_id resend after a timeout.
    String body = """
        {"index":{"_index":"app","_id":"%1$s-1"}}
        {"@timestamp":"2026-12-01T10:00:00Z","message":"one %1$s"}
        {"create":{"_index":"app","_id":"%1$s-2"}}
        {"@timestamp":"2026-12-01T10:00:01Z","message":"two %1$s","stream":"own"}
        {"index":{"_index":"app"}}
        {"@timestamp":"2026-12-01T10:00:02Z","message":"no id %1$s"}
        {"index":{"_index":"app","_id":"%2$s"}}
        {"message":"too long an id %1$s"}
        """.formatted(marker, "x".repeat(513));
    for (int attempt = 0; attempt < 2; attempt++) {
      given().header("Authorization", Captures.basic(key)).contentType("application/x-ndjson")
          .body(body).when().post("/_bulk").then().statusCode(200)
          .body("items[0].index._id", equalTo(marker + "-1"))
          .body("items[0].index.status", equalTo(201))
          .body("items[1].create.status", equalTo(201))
          .body("items[3].index.status", equalTo(400))
          .body("items[3].index.error.reason", containsString("is too long"));
    }
    // Without an id nothing tells a retry from a new document: it is stored twice, as in
    // Elasticsearch (which would give it a new id).
    Events.awaitTotal(key, Map.of("q", "\"no id\" AND " + marker, "from", "2026-11-30T00:00:00Z"),
        2);
    // Both requests are indexed now; past a refresh, a duplicate would show.
    Thread.sleep(1500);
    JsonPath found = Events.search(key, Map.of("q", "(one OR two) AND " + marker,
        "from", "2026-11-30T00:00:00Z"));
    assertThat(found.getInt("total")).isEqualTo(2);
    assertThat(found.getList("events.message", String.class))
        .containsExactlyInAnyOrder("one " + marker, "two " + marker);
    assertThat(found.getList("events.stream", String.class)).containsExactlyInAnyOrder("app", "own");
  }

  @Test
  void aBadDocumentIsRefusedAloneAndItsNeighboursAreKept() {
    String body = """
        {"index":{"_index":"app"}}
        {"message":"first %1$s"}
        {"index":{"_index":"app"}}
        {"message":"broken %1$s",
        {"delete":{"_index":"app","_id":"x"}}
        {"create":{}}
        {"message":"last %1$s"}
        """.formatted(marker);
    given().header("Authorization", Captures.basic(key)).contentType("application/x-ndjson").body(body)
        .when().post("/app/_bulk")
        .then().statusCode(200).contentType(startsWith("application/json"))
        .body("errors", equalTo(true)).body("items", hasSize(4))
        .body("items[0].index.status", equalTo(201))
        .body("items[1].index.status", equalTo(400))
        .body("items[1].index.error.type", equalTo("document_parsing_exception"))
        .body("items[1].index.error.reason", containsString("failed to parse"))
        .body("items[2].delete.status", equalTo(400))
        .body("items[3].create.status", equalTo(201))
        .body("items[3].create._index", equalTo("app"));
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 2);
    assertThat(found.getList("events.message", String.class))
        .containsExactlyInAnyOrder("first " + marker, "last " + marker);
  }

  @Test
  void capturedShipperRequestsGetTheAnswersTheirClientsExpect() throws Exception {
    List<String> requests = List.of(
        "rsyslog-omelasticsearch/001-POST-_bulk", "rsyslog-omelasticsearch/002-POST-_bulk",
        "rsyslog-omelasticsearch/003-POST-_bulk",
        "syslog-ng-elasticsearch-http/001-POST-_bulk", "syslog-ng-elasticsearch-http/002-POST-_bulk",
        "es-java-9.5.6-esheader-on/001-POST-_bulk",
        "es-node-9.5.1-esheader-on/001-POST-_bulk", "es-node-9.5.1-esheader-on/002-POST-_bulk");
    Map<String, Integer> perStream = new LinkedHashMap<>();
    for (String request : requests) {
      HttpResponse<String> response = Captures.replay(request, Captures.basic(key));
      assertThat(response.statusCode()).as(request).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Elastic-Product")).as(request)
          .hasValue("Elasticsearch");
      List<String> actions = actions(Captures.bytes(request + ".body"));
      JsonNode answer = MAPPER.readTree(response.body());
      assertThat(answer.get("errors").asBoolean()).as(request).isFalse();
      assertThat(answer.get("took").isNumber()).isTrue();
      assertThat(answer.get("items")).as(request).hasSize(actions.size());
      for (int i = 0; i < answer.get("items").size(); i++) {
        JsonNode item = answer.get("items").get(i);
        String action = item.fieldNames().next();
        assertThat(action).isEqualTo(actions.get(i));
        JsonNode result = item.get(action);
        assertThat(result.get("status").asInt()).isEqualTo(201);
        assertThat(result.get("result").asText()).isEqualTo("created");
        assertThat(result.get("_id").asText()).isNotEmpty();
        perStream.merge(result.get("_index").asText(), 1, Integer::sum);
      }
    }
    // The Elasticsearch clients asked for their vendor type and get it back, as from Elasticsearch.
    assertThat(Captures.replay("es-node-9.5.1-esheader-on/002-POST-_bulk", Captures.basic(key))
        .headers().firstValue("Content-Type"))
        .hasValue("application/vnd.elasticsearch+json;compatible-with=9");
    perStream.merge("logs-apache-default", 5, Integer::sum);

    HttpResponse<String> root = Captures.replay("es-java-9.5.6-esheader-on/002-GET-root",
        Captures.basic(key));
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
    assertThat(MAPPER.readTree(root.body()).at("/version/number").asText()).matches("8\\.\\d+\\.\\d+");

    for (Map.Entry<String, Integer> stream : perStream.entrySet()) {
      Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
      params.put("q", "stream:\"" + stream.getKey() + "\"");
      Events.awaitTotal(key, params, stream.getValue());
    }
    Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
    params.put("q", "stream:\"rsyslog-test\" AND tag:\"sshd-sample\"");
    assertThat(Events.search(key, params).getList("events", Map.class))
        .allSatisfy(e -> assertThat(e).containsEntry("host", "vm").containsKey("message"));
  }

  /** The action of every action line of a bulk body (every other non-empty line). */
  private static List<String> actions(byte[] body) throws Exception {
    List<String> actions = new java.util.ArrayList<>();
    boolean actionLine = true;
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        if (actionLine) {
          actions.add(MAPPER.readTree(line).fieldNames().next());
        }
        actionLine = !actionLine;
      }
    }
    return actions;
  }

  @Test
  void chunkedBodiesOnAKeptAliveConnectionAreRead() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int round = 0; round < 3; round++) {
      byte[] body = ("{\"create\":{\"_index\":\"chunked\"}}\n{\"message\":\"chunk " + marker + " "
          + round + "\"}\n").repeat(200).getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + RestAssured.port + "/_bulk"))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=8")
          .header("Accept", "application/vnd.elasticsearch+json; compatible-with=8")
          // An InputStream of unknown length goes out with Transfer-Encoding: chunked.
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.elasticsearch+json;compatible-with=8");
      assertThat(MAPPER.readTree(response.body()).get("items")).hasSize(200);
    }
    Events.awaitTotal(key, Map.of("q", marker), 600);
  }

  @Test
  void errorsHaveElasticsearchsShapeAndHeader() {
    given().contentType("application/x-ndjson").body("{\"index\":{}}\n{}\n")
        .when().post("/_bulk")
        .then().statusCode(401).header("X-Elastic-Product", "Elasticsearch")
        .body("error.type", equalTo("security_exception"))
        .body("error.root_cause[0].type", equalTo("security_exception")).body("status", equalTo(401));
    given().header("Authorization", "ApiKey " + Base64.getEncoder().encodeToString(
            "id:strata_nope".getBytes(StandardCharsets.UTF_8)))
        .when().get("/")
        .then().statusCode(401).header("X-Elastic-Product", "Elasticsearch");
    String searchOnly = TestTenants.newKey(tenant, "search");
    given().header("Authorization", Captures.basic(searchOnly)).contentType("application/x-ndjson")
        .body("{\"index\":{\"_index\":\"x\"}}\n{}\n")
        .when().post("/_bulk")
        .then().statusCode(403).body("error.type", equalTo("security_exception"));
    given().header("Authorization", Captures.basic(key)).contentType("application/x-ndjson")
        .body("{\"index\":{\"_index\":\"x\"}}\n{}\n{\"upsert\":{}}\n{}\n")
        .when().post("/_bulk")
        .then().statusCode(400).header("X-Elastic-Product", "Elasticsearch")
        .body("error.type", equalTo("illegal_argument_exception"))
        .body("error.reason", containsString("Malformed action/metadata line [3]"));
    // The test profile limits a request to 2 MiB.
    String big = ("{\"index\":{\"_index\":\"x\"}}\n{\"message\":\"" + "x".repeat(1000) + "\"}\n")
        .repeat(2200);
    given().header("Authorization", Captures.basic(key)).contentType("application/x-ndjson").body(big)
        .when().post("/_bulk")
        .then().statusCode(413).body("status", equalTo(413));
    // HEAD and GET / answer as a cluster, except to a browser.
    given().header("Authorization", Captures.basic(key)).when().head("/")
        .then().statusCode(200).header("X-Elastic-Product", "Elasticsearch");
    given().redirects().follow(false).header("Authorization", Captures.basic(key))
        .accept("text/html,*/*;q=0.8")
        .when().get("/")
        .then().statusCode(302).header("Location", org.eclipse.microprofile.config.ConfigProvider
            .getConfig().getValue("strata.public-url", String.class) + "/ui/")
        .body(not(containsString("You Know, for Search")));
    given().header("Authorization", Captures.basic(key)).when().get("/_cluster/health")
        .then().statusCode(200).body("status", equalTo("green"));
    given().header("Authorization", Captures.basic(key)).when().get("/_license")
        .then().statusCode(200).body("license.status", equalTo("active"));
  }

  @Test
  void aTenantOverItsLimitIsToldToRetryInElasticsearchsWay() {
    String limited = "esquota-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", limited, "name", "Limited", "max_events_per_second", 10))
        .when().post("/api/v1/admin/tenants").then().statusCode(201);
    String limitedKey = TestTenants.newKey(limited, "ingest");
    String body = "{\"index\":{\"_index\":\"q\"}}\n{\"message\":\"over\"}\n".repeat(50);
    given().header("Authorization", Captures.basic(limitedKey)).contentType("application/x-ndjson")
        .body(body).when().post("/_bulk").then().statusCode(200);
    given().header("Authorization", Captures.basic(limitedKey)).contentType("application/x-ndjson")
        .body(body).when().post("/_bulk")
        .then().statusCode(429).header("Retry-After", matchesPattern("[1-9]"))
        .header("X-Elastic-Product", "Elasticsearch")
        .body("error.type", equalTo("es_rejected_execution_exception")).body("status", equalTo(429));
  }
}
