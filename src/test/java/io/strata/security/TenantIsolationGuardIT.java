package io.strata.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every tenant-scoped endpoint, called by another tenant's key holding every scope, with the
 * victim's ids where the endpoint takes one: nothing of the victim's (events, ids, names, policy)
 * comes back, an id of the victim's is answered as a missing one (404), and nothing of the victim's
 * is changed. The list of probes must name every endpoint of the REST API, or say why one needs no
 * probe: a new endpoint fails this test until it is added.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TenantIsolationGuardIT {

  /** One request of the attacker: method, path (with {placeholders}), status expected. */
  private record Probe(String method, String path, int status, String body) {

    String endpoint() {
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      return method + " " + bare;
    }
  }

  // The attacker's own trail records the attacker's probes, victim ids in them included: the
  // trail and its reports are read first, before any probe names a victim's id.
  private static final List<Probe> PROBES = List.of(
      new Probe("GET", "/api/v1/audit?limit=1000", 200, null),
      new Probe("GET", "/api/v1/audit/export?format=ndjson", 200, null),
      new Probe("GET", "/api/v1/audit/verify", 200, null),
      new Probe("GET", "/api/v1/reports/access?format=csv", 200, null),
      new Probe("GET", "/api/v1/reports/changes?format=csv", 200, null),
      new Probe("GET", "/api/v1/reports/retention?format=csv", 200, null),
      new Probe("GET", "/api/v1/reports/erasures?format=csv", 200, null),
      new Probe("GET", "/api/v1/reports/integrity?format=csv", 200, null),
      new Probe("GET", "/api/v1/search?q=&from=now-30d", 200, null),
      new Probe("GET", "/api/v1/search?q={marker}&from=now-30d", 200, null),
      new Probe("POST", "/api/v1/search", 200, "{\"q\":\"{marker}\",\"from\":\"now-30d\"}"),
      new Probe("GET", "/api/v1/histogram?from=now-30d", 200, null),
      new Probe("GET", "/api/v1/facets?fields=service,message&from=now-30d", 200, null),
      new Probe("GET", "/api/v1/fields?from=now-30d", 200, null),
      new Probe("GET", "/api/v1/events/{event}", 404, null),
      new Probe("GET", "/api/v1/events/{event}/context", 404, null),
      new Probe("GET", "/api/v1/trace/{trace}?from=now-30d", 404, null),
      new Probe("GET", "/api/v1/export?from=now-30d&format=ndjson", 200, null),
      new Probe("GET", "/api/v1/saved-searches", 200, null),
      new Probe("GET", "/api/v1/saved-searches/{saved}", 404, null),
      new Probe("PUT", "/api/v1/saved-searches/{saved}", 404,
          "{\"name\":\"taken over\",\"q\":\"*\"}"),
      new Probe("DELETE", "/api/v1/saved-searches/{saved}", 404, null),
      new Probe("GET", "/api/v1/alerts/rules", 200, null),
      new Probe("GET", "/api/v1/alerts/rules/{alert}", 404, null),
      new Probe("PUT", "/api/v1/alerts/rules/{alert}", 404,
          "{\"name\":\"taken over\",\"query\":\"level:ERROR\",\"window\":\"5m\","
              + "\"condition\":{\"op\":\">\",\"value\":1}}"),
      new Probe("DELETE", "/api/v1/alerts/rules/{alert}", 404, null),
      // Counts per service over the last day: a victim's event would show its service's name.
      new Probe("POST", "/api/v1/alerts/rules/preview", 200,
          "{\"name\":\"p\",\"query\":\"\",\"window\":\"1d\",\"condition\":"
              + "{\"op\":\">=\",\"value\":0},\"group_by\":[\"service\"]}"),
      // The victim's rule fires for its service; the attacker lists, reads history, acks.
      new Probe("GET", "/api/v1/alerts", 200, null),
      new Probe("GET", "/api/v1/alerts/history?from=now-1d", 200, null),
      new Probe("POST", "/api/v1/alerts/{fingerprint}/ack", 404, null),
      new Probe("GET", "/api/v1/alerts/channels", 200, null),
      new Probe("GET", "/api/v1/alerts/channels/{channel}", 404, null),
      new Probe("PUT", "/api/v1/alerts/channels/{channel}", 404,
          "{\"name\":\"taken over\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/x\"}"),
      new Probe("DELETE", "/api/v1/alerts/channels/{channel}", 404, null),
      new Probe("POST", "/api/v1/alerts/channels/{channel}/test", 404, null),
      new Probe("GET", "/api/v1/alerts/silences", 200, null),
      new Probe("DELETE", "/api/v1/alerts/silences/{silence}", 404, null),
      // The victim's rule sends to its channel: attempts are logged for the victim only.
      new Probe("GET", "/api/v1/alerts/deliveries?from=now-1d", 200, null),
      new Probe("GET", "/api/v1/parsing-rules", 200, null),
      new Probe("GET", "/api/v1/parsing-rules/patterns", 200, null),
      new Probe("GET", "/api/v1/parsing-rules/{parsing}", 404, null),
      new Probe("PUT", "/api/v1/parsing-rules/{parsing}", 404,
          "{\"name\":\"taken over\",\"pattern\":\"%{GREEDY:message}\"}"),
      new Probe("DELETE", "/api/v1/parsing-rules/{parsing}", 404, null),
      // Runs over the caller's latest events: a victim's line would show in the results.
      new Probe("POST", "/api/v1/parsing-rules/preview", 200,
          "{\"pattern\":\"%{GREEDY:line}\",\"last\":1000}"),
      new Probe("GET", "/api/v1/keys", 200, null),
      new Probe("DELETE", "/api/v1/keys/{key}", 404, null),
      new Probe("GET", "/api/v1/retention", 200, null),
      new Probe("GET", "/api/v1/retention/preview", 200, null),
      new Probe("GET", "/api/v1/usage?from=now-60d", 200, null),
      new Probe("GET", "/api/v1/holds", 200, null),
      new Probe("GET", "/api/v1/holds/{hold}", 404, null),
      new Probe("DELETE", "/api/v1/holds/{hold}", 404, null),
      new Probe("GET", "/api/v1/erasures", 200, null),
      new Probe("GET", "/api/v1/erasures/{erasure}", 404, null),
      new Probe("DELETE", "/api/v1/erasures/{erasure}", 404, null),
      new Probe("GET", "/api/v1/erasures/{erasure}/receipt", 404, null));

  /** Endpoints without a probe here, and why none is needed. */
  private static final Map<String, String> NO_PROBE = Map.ofEntries(
      Map.entry("POST /api/v1/ingest", "writes to the key's tenant only; TenantIsolationIT sends"
          + " payloads that name another tenant"),
      Map.entry("POST /_bulk", "ingest, as above (ElasticBulkIT)"),
      Map.entry("PUT /_bulk", "ingest, as above"),
      Map.entry("POST /{index}/_bulk", "ingest, as above"),
      Map.entry("PUT /{index}/_bulk", "ingest, as above"),
      Map.entry("GET /_strata_es_root", "the Elasticsearch handshake (GET /): version and"
          + " cluster name, no tenant data"),
      Map.entry("HEAD /_strata_es_root", "the Elasticsearch handshake (HEAD /), no body"),
      Map.entry("GET /_cluster/health", "the Elasticsearch handshake, no tenant data"),
      Map.entry("GET /_license", "the Elasticsearch handshake, no tenant data"),
      Map.entry("POST /loki/api/v1/push", "ingest, as above (LokiPushIT)"),
      Map.entry("POST /v1/logs", "ingest, as above (OtlpLogsIT)"),
      Map.entry("GET /api/v1/tail", "a stream; TailIT checks a tail sees its own tenant only"),
      Map.entry("GET /api/v1/audit/public-key", "the platform's public key, the same for all"),
      Map.entry("POST /api/v1/saved-searches", "creates in the caller's tenant; no tenant read"
          + " from the body"),
      Map.entry("POST /api/v1/keys", "creates in the caller's tenant"),
      Map.entry("POST /api/v1/parsing-rules", "creates in the caller's tenant; no tenant read"
          + " from the body"),
      Map.entry("POST /api/v1/alerts/rules", "creates in the caller's tenant; no tenant read"
          + " from the body"),
      Map.entry("POST /api/v1/alerts/channels", "creates in the caller's tenant"),
      Map.entry("POST /api/v1/alerts/silences", "creates in the caller's tenant"),
      Map.entry("PUT /api/v1/retention", "sets the caller's tenant's policy"),
      Map.entry("POST /api/v1/holds", "creates in the caller's tenant"),
      Map.entry("POST /api/v1/erasures", "erases in the caller's tenant only (ErasureIT checks"
          + " another tenant's events stay)"),
      Map.entry("POST /api/v1/admin/tenants", "operator only"),
      Map.entry("GET /api/v1/admin/alerts", "operator only (PlatformAlertsIT checks a tenant"
          + " gets 403)"),
      Map.entry("GET /api/v1/admin/tenants", "operator only"),
      Map.entry("GET /api/v1/admin/nodes", "operator only; the cluster's nodes, no tenant data"),
      Map.entry("DELETE /api/v1/admin/nodes/{id}", "operator only; no tenant data"),
      Map.entry("POST /internal/v1/search/page", "node to node: refused without the cluster"
          + " secret (ClusterIT)"),
      Map.entry("POST /internal/v1/histogram", "node to node, as above"),
      Map.entry("POST /internal/v1/facets", "node to node, as above"),
      Map.entry("POST /internal/v1/events/find", "node to node, as above"),
      Map.entry("POST /internal/v1/alerts/count", "node to node, as above"),
      Map.entry("POST /internal/v1/fields", "node to node, as above"),
      Map.entry("POST /internal/v1/trace", "node to node, as above"),
      Map.entry("POST /internal/v1/context", "node to node, as above"),
      Map.entry("POST /internal/v1/erasures/count", "node to node, as above"),
      Map.entry("POST /internal/v1/erasures/holds", "node to node, as above"),
      Map.entry("POST /internal/v1/erasures/erase", "node to node, as above"),
      Map.entry("POST /internal/v1/retention/expired", "node to node, as above"),
      Map.entry("POST /internal/v1/retention/usage", "node to node, as above"),
      Map.entry("POST /internal/v1/tail", "node to node, as above"),
      Map.entry("POST /internal/v1/seals/check", "node to node, as above"),
      Map.entry("PATCH /api/v1/admin/tenants/{tenant}", "operator only"),
      Map.entry("POST /api/v1/admin/tenants/{tenant}/keys", "operator only"),
      Map.entry("GET /api/v1/admin/tenants/{tenant}/keys", "operator only"),
      Map.entry("DELETE /api/v1/admin/tenants/{tenant}/keys/{key}", "operator only"));

  @Test
  void everyEndpointIsProbedOrSaysWhyNot() throws Exception {
    TreeSet<String> endpoints = new TreeSet<>();
    java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
    try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/strata"))) {
      for (java.nio.file.Path file : files.toList()) {
        String name = classes.relativize(file).toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'),
            false, getClass().getClassLoader());
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        for (Method method : type.getDeclaredMethods()) {
          String verb = verb(method);
          if (verb != null) {
            Path sub = method.getAnnotation(Path.class);
            endpoints.add(verb + " " + join(root.value(), sub == null ? "" : sub.value()));
          }
        }
      }
    }
    TreeSet<String> covered = new TreeSet<>(NO_PROBE.keySet());
    for (Probe probe : PROBES) {
      covered.add(probe.endpoint().replaceAll("\\{(event|trace|saved|alert|hold|erasure|channel|silence|parsing)}", "{id}")
          .replaceAll("/reports/[a-z]+$", "/reports/{kind}"));
    }
    assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(40);
    assertThat(endpoints).as("endpoints with neither a probe nor a reason").isSubsetOf(covered);
  }

  @Test
  void anotherTenantsKeyWithEveryScopeReachesNothingOfTheVictims() {
    String victim = TestTenants.newTenant("victim");
    String attacker = TestTenants.newTenant("attacker");
    String victimKey = TestTenants.newKey(victim, "ingest", "search", "admin", "audit");
    String attackerKey = TestTenants.newKey(attacker, "ingest", "search", "admin", "audit");
    String marker = "vm" + UUID.randomUUID().toString().replace("-", "");
    String trace = UUID.randomUUID().toString().replace("-", "");

    Events.ingestNdjson(victimKey, "{\"message\":\"" + marker + " card 4111\",\"service\":\""
        + marker + "svc\",\"trace_id\":\"" + trace + "\",\"user\":{\"email\":\"" + marker
        + "@victim.example\"}}\n{\"message\":\"" + marker + " other\"}\n{\"message\":\"" + marker
        + " third\"}\n");
    Events.ingestNdjson(attackerKey, "{\"message\":\"attacker's own event\",\"service\":\"a\"}\n");
    String event = Events.awaitTotal(victimKey, Map.of("q", marker + " AND card"), 1)
        .getString("events[0]._id");
    Events.awaitTotal(attackerKey, Map.of("q", "own"), 1);
    String saved = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + " saved\",\"q\":\"" + marker + "\"}")
        .when().post("/api/v1/saved-searches").then().statusCode(201).extract().path("id");
    // Port 9 (discard) refuses: the victim's deliveries fail and are retried, logged all along.
    String channel = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + " channel\",\"kind\":\"webhook\","
            + "\"url\":\"http://127.0.0.1:9/" + marker + "\",\"secret\":\"" + marker + "\"}")
        .when().post("/api/v1/alerts/channels").then().statusCode(201).extract().path("id");
    String alert = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + " alert\",\"query\":\"" + marker + "\",\"window\":\"5m\","
            + "\"every\":\"10s\",\"condition\":{\"op\":\">\",\"value\":0},"
            + "\"group_by\":[\"service\"],\"channels\":[\"" + channel + "\"]}")
        .when().post("/api/v1/alerts/rules").then().statusCode(201).extract().path("id");
    // The scheduler evaluates the new rule at once, then every 10 s: its service's alert fires.
    String fingerprint = sha256("{\"group\":{\"service\":\"" + marker + "svc\"},\"rule\":\""
        + alert + "\"}");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(500))
        .until(() -> given().auth().oauth2(victimKey).when().get("/api/v1/alerts").then()
            .statusCode(200).extract().jsonPath().getList("fingerprint").contains(fingerprint));
    String parsing = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + " rule\",\"selector\":\"service:" + marker
            + "svc\",\"pattern\":\"%{WORD:first} %{GREEDY:rest}\"}")
        .when().post("/api/v1/parsing-rules").then().statusCode(201).extract().path("id");
    String key = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + "-key\",\"scopes\":[\"ingest\"]}")
        .when().post("/api/v1/keys").then().statusCode(201).extract().path("id");
    given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"default_days\":3650,\"streams\":[{\"name\":\"" + marker.substring(0, 20)
            + "\",\"selector\":\"service:" + marker + "svc\",\"days\":4000}]}")
        .when().put("/api/v1/retention").then().statusCode(200);
    String hold = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"name\":\"" + marker + " hold\",\"query\":\"" + marker + "\",\"reason\":\"r\"}")
        .when().post("/api/v1/holds").then().statusCode(201).extract().path("id");
    String erasure = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"query\":\"user.email:\\\"" + marker + "@victim.example\\\"\",\"from\":\"now-1d\","
            + "\"reason\":\"" + marker + "\"}")
        .when().post("/api/v1/erasures").then().statusCode(202).extract().path("id");
    given().auth().oauth2(victimKey).when().delete("/api/v1/erasures/" + erasure).then()
        .statusCode(200);

    String silence = given().auth().oauth2(victimKey).contentType("application/json")
        .body("{\"rule_ids\":[\"" + alert + "\"],\"matchers\":{\"service\":\"other\"},"
            + "\"to\":\"now+1h\",\"comment\":\"" + marker
            + "\"}")
        .when().post("/api/v1/alerts/silences").then().statusCode(201).extract().path("id");

    Map<String, String> ids = Map.ofEntries(Map.entry("{marker}", marker),
        Map.entry("{event}", event), Map.entry("{trace}", trace), Map.entry("{saved}", saved),
        Map.entry("{alert}", alert), Map.entry("{key}", key), Map.entry("{hold}", hold),
        Map.entry("{erasure}", erasure), Map.entry("{fingerprint}", fingerprint),
        Map.entry("{channel}", channel), Map.entry("{silence}", silence),
        Map.entry("{parsing}", parsing));
    List<String> leaks = new ArrayList<>();
    for (Probe probe : PROBES) {
      String path = probe.path();
      for (Map.Entry<String, String> id : ids.entrySet()) {
        path = path.replace(id.getKey(), id.getValue());
      }
      var request = given().auth().oauth2(attackerKey);
      if (probe.body() != null) {
        request = request.contentType("application/json")
            .body(probe.body().replace("{marker}", marker));
      }
      Response response = request.when().request(probe.method(), path);
      String body = response.asString();
      if (response.statusCode() != probe.status()) {
        leaks.add(probe.method() + " " + path + " answered " + response.statusCode() + ": "
            + abbreviate(body));
      }
      // The victim's id may be echoed in a "not found" detail; its content never.
      for (String secret : List.of(marker, victim, trace)) {
        if (body.contains(secret) && !path.contains(secret)) {
          leaks.add(probe.method() + " " + path + " shows " + secret + ": " + abbreviate(body));
        }
      }
      for (String id : List.of(saved, alert, key, hold, erasure, event, fingerprint, channel,
          silence, parsing)) {
        if (!path.contains(id) && body.contains(id)) {
          leaks.add(probe.method() + " " + path + " shows the victim's " + id);
        }
      }
    }
    assertThat(leaks).isEmpty();

    // Nothing of the victim's changed.
    given().auth().oauth2(victimKey).when().get("/api/v1/saved-searches/" + saved).then()
        .statusCode(200);
    given().auth().oauth2(victimKey).when().get("/api/v1/alerts/rules/" + alert).then()
        .statusCode(200).body("name", org.hamcrest.Matchers.equalTo(marker + " alert"));
    given().auth().oauth2(victimKey).when().get("/api/v1/alerts").then().statusCode(200)
        .body("find { it.fingerprint == '" + fingerprint + "' }.state",
            org.hamcrest.Matchers.equalTo("firing"));
    given().auth().oauth2(victimKey).when().get("/api/v1/alerts/channels/" + channel).then()
        .statusCode(200).body("name", org.hamcrest.Matchers.equalTo(marker + " channel"));
    given().auth().oauth2(victimKey).when().get("/api/v1/alerts/silences").then().statusCode(200)
        .body("find { it.id == '" + silence + "' }.status",
            org.hamcrest.Matchers.equalTo("active"));
    given().auth().oauth2(victimKey).when().get("/api/v1/parsing-rules/" + parsing).then()
        .statusCode(200).body("name", org.hamcrest.Matchers.equalTo(marker + " rule"));
    given().auth().oauth2(victimKey).when().get("/api/v1/holds/" + hold).then().statusCode(200)
        .body("active", org.hamcrest.Matchers.equalTo(true));
    assertThat(given().auth().oauth2(victimKey).when().get("/api/v1/keys").then().statusCode(200)
        .extract().jsonPath().getList("findAll { it.id == '" + key + "' }.revoked_at"))
        .containsExactly((Object) null);
    Events.awaitTotal(victimKey, Map.of("q", marker), 3);
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static String join(String root, String sub) {
    String path = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root)
        + (sub.isEmpty() ? "" : "/" + (sub.startsWith("/") ? sub.substring(1) : sub));
    return path.isEmpty() ? "/" : path;
  }

  /** An alert's fingerprint as Strata computes it: SHA-256 (hex) of its canonical JSON. */
  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
