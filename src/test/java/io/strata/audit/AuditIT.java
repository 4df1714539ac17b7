package io.strata.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.testing.TestDatabase;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The audit trail against the real application: every action through the REST API leaves exactly
 * one event in the right trail; the trail proves itself (tampering with a row, or removing one, is
 * reported at its place); and an action whose record cannot be written does not happen.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class AuditIT {

  private static JsonPath trail(String key, Map<String, ?> params) {
    return given().auth().oauth2(key).queryParams(params).when().get("/api/v1/audit")
        .then().statusCode(200).extract().jsonPath();
  }

  private static List<Map<String, Object>> eventsAfter(String key, long seq) {
    List<Map<String, Object>> events = trail(key, Map.of("limit", 1000)).getList("events");
    return events.stream().filter(e -> ((Number) e.get("seq")).longValue() > seq).toList();
  }

  private static long head(String key) {
    List<Map<String, Object>> events = trail(key, Map.of("limit", 1)).getList("events");
    return ((Number) events.getFirst().get("seq")).longValue();
  }

  private static Map<String, Long> countByAction(List<Map<String, Object>> events) {
    return events.stream().collect(Collectors.groupingBy(e -> (String) e.get("action"),
        TreeMap::new, Collectors.counting()));
  }


  @Test
  void everyReadAndChangeLeavesExactlyOneEventInItsTenantsTrail() throws Exception {
    String tenant = TestTenants.newTenant("audit");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin", "audit");
    String marker = "au" + UUID.randomUUID().toString().replace("-", "");
    Events.ingestNdjson(key, "{\"message\":\"" + marker + " one\",\"service\":\"api\",\"host\":\"h1\","
        + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n");
    String id = Events.awaitTotal(key, Map.of("q", marker), 1).getString("events[0]._id");
    long start = head(key);

    given().auth().oauth2(key).queryParam("q", marker).when().get("/api/v1/search").then().statusCode(200);
    given().auth().oauth2(key).when().get("/api/v1/histogram").then().statusCode(200);
    given().auth().oauth2(key).queryParam("fields", "service").when().get("/api/v1/facets").then().statusCode(200);
    given().auth().oauth2(key).when().get("/api/v1/fields").then().statusCode(200);
    given().auth().oauth2(key).when().get("/api/v1/events/" + id).then().statusCode(200);
    given().auth().oauth2(key).when().get("/api/v1/events/" + id + "/context").then().statusCode(200);
    given().auth().oauth2(key).when().get("/api/v1/trace/4bf92f3577b34da6a3ce929d0e0e4736").then().statusCode(200);
    given().auth().oauth2(key).queryParam("q", marker).when().get("/api/v1/export").then().statusCode(200);
    String saved = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "errors", "q", "level:ERROR")).when().post("/api/v1/saved-searches")
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "errors2", "q", "level:WARN"))
        .when().put("/api/v1/saved-searches/" + saved).then().statusCode(200);
    given().auth().oauth2(key).when().delete("/api/v1/saved-searches/" + saved).then().statusCode(204);
    String keyId = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "ci", "scopes", List.of("ingest"))).when().post("/api/v1/keys")
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(key).when().delete("/api/v1/keys/" + keyId).then().statusCode(204);

    List<Map<String, Object>> events = eventsAfter(key, start);
    Map<String, Long> counts = countByAction(events);
    assertThat(counts).containsAllEntriesOf(Map.ofEntries(Map.entry("search", 1L),
        Map.entry("histogram", 1L), Map.entry("facets", 1L), Map.entry("fields", 1L),
        Map.entry("event", 1L), Map.entry("context", 1L), Map.entry("trace", 1L),
        Map.entry("export", 1L), Map.entry("saved_search.create", 1L),
        Map.entry("saved_search.update", 1L), Map.entry("saved_search.delete", 1L),
        Map.entry("key.create", 1L), Map.entry("key.revoke", 1L)));
    Map<String, Object> search = events.stream().filter(e -> "search".equals(e.get("action")))
        .findFirst().orElseThrow();
    assertThat(search).containsEntry("tenant", tenant).containsEntry("actor_type", "api_key")
        .containsEntry("actor_name", "test").containsEntry("outcome", "success")
        .containsEntry("status", 200).containsKeys("source", "hash", "prev_hash");
    assertThat((Map<String, Object>) search.get("params")).containsEntry("q", marker);
    Map<String, Object> created = events.stream().filter(e -> "key.create".equals(e.get("action")))
        .findFirst().orElseThrow();
    assertThat(created).containsEntry("target", keyId);
    assertThat(created.toString()).doesNotContain("strata_"); // never a secret
    // Reading the trail is itself recorded.
    assertThat(countByAction(eventsAfter(key, start)).get("audit.read")).isGreaterThanOrEqualTo(1L);
    // Nothing of this reached another tenant's trail.
    String other = TestTenants.newKey(TestTenants.newTenant("audit-other"), "audit");
    assertThat(trail(other, Map.of("action", "search")).getList("events")).isEmpty();
  }

  @Test
  void operatorActionsAndRefusedCredentialsGoToThePlatformsTrail() {
    long start = head(TestTenants.OPERATOR_KEY);
    String tenant = TestTenants.newTenant("audit-op");
    given().auth().oauth2("strata_not-a-key").when().get("/api/v1/search").then().statusCode(401);
    // Refusals are recorded once the answer is sent.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      List<Map<String, Object>> events = eventsAfter(TestTenants.OPERATOR_KEY, start);
      assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "tenant.create")
          .containsEntry("target", tenant).containsEntry("actor_type", "operator"));
      assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "auth.refused")
          .containsEntry("outcome", "denied").containsEntry("status", 401)
          .containsEntry("target", "GET /api/v1/search"));
    });
    // A key without the scope is refused, in its own tenant's trail.
    String ingestOnly = TestTenants.newKey(tenant, "ingest");
    String auditor = TestTenants.newKey(tenant, "audit");
    given().auth().oauth2(ingestOnly).when().get("/api/v1/search").then().statusCode(403);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(trail(auditor, Map.of("action", "auth.refused")).getList("events"))
            .hasSize(1).first().satisfies(e -> assertThat((Map<String, Object>) e)
                .containsEntry("status", 403).containsEntry("actor_type", "api_key")));
  }

  @Test
  void aChangedOrRemovedEventIsFoundAtItsPlace() throws Exception {
    String tenant = TestTenants.newTenant("audit-tamper");
    String key = TestTenants.newKey(tenant, "search", "audit");
    for (int i = 0; i < 6; i++) {
      given().auth().oauth2(key).queryParam("q", "n" + i).when().get("/api/v1/search").then().statusCode(200);
    }
    JsonPath clean = given().auth().oauth2(key).when().get("/api/v1/audit/verify")
        .then().statusCode(200).extract().jsonPath();
    assertThat(clean.getBoolean("ok")).isTrue();
    assertThat(clean.getLong("verified_events")).isGreaterThanOrEqualTo(6);

    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
      // The table refuses changes; someone with the database's superuser switches that off.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.executeUpdate(
          "UPDATE audit_events SET target = 'x' WHERE chain = '" + tenant + "' AND seq = 2"))
          .hasMessageContaining("append-only");
      sql.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
      try {
        sql.executeUpdate("UPDATE audit_events SET params = '{\"q\":\"innocent\"}'"
            + " WHERE chain = '" + tenant + "' AND seq = 2");
        sql.executeUpdate("DELETE FROM audit_events WHERE chain = '" + tenant + "' AND seq = 4");
      } finally {
        sql.execute("ALTER TABLE audit_events ENABLE TRIGGER USER");
      }
    }
    JsonPath tampered = given().auth().oauth2(key).when().get("/api/v1/audit/verify")
        .then().statusCode(200).extract().jsonPath();
    assertThat(tampered.getBoolean("ok")).isFalse();
    List<Map<String, Object>> problems = tampered.getList("problems");
    assertThat(problems).anySatisfy(p -> assertThat(p).containsEntry("kind", "chain")
        .containsEntry("seq", 2).extractingByKey("detail").asString().contains("content"));
    assertThat(problems).anySatisfy(p -> assertThat(p).containsEntry("kind", "chain")
        .containsEntry("seq", 4).extractingByKey("detail").asString().contains("missing"));
    assertThat(problems).noneSatisfy(p -> assertThat(((Number) p.get("seq")).intValue()).isIn(1, 3, 6));
  }

  @Test
  void aChainThatGrowsWhileItIsVerifiedVerifies() throws Exception {
    String tenant = TestTenants.newTenant("audit-busy");
    String key = TestTenants.newKey(tenant, "search", "audit");
    // Some thousands of events, so that hashing them takes a while: appends keep coming meanwhile.
    IntStream.range(0, 3000).parallel().forEach(i -> given().auth().oauth2(key)
        .when().get("/api/v1/fields").then().statusCode(200));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger appended = new AtomicInteger();
    Runnable load = () -> {
      while (running.get()) {
        given().auth().oauth2(key).when().get("/api/v1/fields").then().statusCode(200);
        appended.incrementAndGet();
      }
    };
    Thread first = new Thread(load);
    Thread second = new Thread(load);
    first.start();
    second.start();
    try {
      for (int i = 0; i < 10; i++) {
        JsonPath verified = given().auth().oauth2(key).when().get("/api/v1/audit/verify")
            .then().statusCode(200).extract().jsonPath();
        assertThat(verified.getList("problems")).as("verification %d", i).isEmpty();
        assertThat(verified.getBoolean("ok")).isTrue();
      }
    } finally {
      running.set(false);
      first.join();
      second.join();
    }
    assertThat(appended.get()).as("events appended while the chain was verified")
        .isGreaterThan(10);
  }

  @Test
  void anEventAboveTheHeadIsReported() throws Exception {
    String tenant = TestTenants.newTenant("audit-above");
    String key = TestTenants.newKey(tenant, "search", "audit");
    given().auth().oauth2(key).queryParam("q", "x").when().get("/api/v1/search").then().statusCode(200);
    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
      // Appended without moving the head, as no writer does; far enough above it that the
      // verification's own event does not meet it.
      assertThat(sql.executeUpdate("INSERT INTO audit_events (chain, seq, time, tenant,"
          + " actor_type, actor_id, actor_name, source, user_agent, action, target, params,"
          + " outcome, status, prev_hash, hash) SELECT chain, seq + 1000, time, tenant, actor_type,"
          + " actor_id, actor_name, source, user_agent, action, target, params, outcome, status,"
          + " prev_hash, hash FROM audit_events WHERE chain = '" + tenant + "'"
          + " ORDER BY seq DESC LIMIT 1")).isEqualTo(1);
    }
    JsonPath verified = given().auth().oauth2(key).when().get("/api/v1/audit/verify")
        .then().statusCode(200).extract().jsonPath();
    assertThat(verified.getBoolean("ok")).isFalse();
    List<Map<String, Object>> problems = verified.getList("problems");
    assertThat(problems).anySatisfy(p -> assertThat(p).containsEntry("kind", "chain")
        .extractingByKey("detail").asString().contains("head"));
  }

  @Test
  void anActionWhoseRecordCannotBeWrittenDoesNotHappen() throws Exception {
    String tenant = TestTenants.newTenant("audit-closed");
    String key = TestTenants.newKey(tenant, "search", "admin", "audit");
    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
      sql.execute("ALTER TABLE audit_events RENAME TO audit_events_away");
      try {
        given().auth().oauth2(key).when().get("/api/v1/search").then().statusCode(503)
            .contentType("application/problem+json").body("type", org.hamcrest.Matchers
                .endsWith("audit-unavailable")).header("Retry-After", "5");
        given().auth().oauth2(key).contentType(ContentType.JSON)
            .body(Map.of("name", "unrecorded", "scopes", List.of("ingest")))
            .when().post("/api/v1/keys").then().statusCode(503);
      } finally {
        sql.execute("ALTER TABLE audit_events_away RENAME TO audit_events");
      }
    }
    // The key whose creation could not be recorded was rolled back.
    List<String> names = given().auth().oauth2(key).when().get("/api/v1/keys").then().statusCode(200)
        .extract().jsonPath().getList("name");
    assertThat(names).doesNotContain("unrecorded");
    given().auth().oauth2(key).when().get("/api/v1/search").then().statusCode(200);
  }

  @Test
  void theTrailExportsAsCsvWithEveryEvent() {
    String tenant = TestTenants.newTenant("audit-csv");
    String key = TestTenants.newKey(tenant, "search", "audit");
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(key).queryParam("q", "level:ERROR").when().get("/api/v1/search")
          .then().statusCode(200);
    }
    String csv = given().auth().oauth2(key).queryParam("format", "csv").when()
        .get("/api/v1/audit/export").then().statusCode(200).extract().asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines.getFirst()).contains("seq").contains("hash");
    // The full population: three searches and the export itself, newest first.
    assertThat(lines).hasSize(1 + 4);
    assertThat(lines.get(1)).contains("audit.export");
    assertThat(lines.subList(2, 5)).allSatisfy(line -> assertThat(line).contains(",search,"));
  }

  @Test
  void aChainRewrittenWithoutTheSigningKeyIsCaughtByItsCheckpoint() throws Exception {
    String tenant = TestTenants.newTenant("audit-rewrite");
    String key = TestTenants.newKey(tenant, "search", "audit");
    for (int i = 0; i < 5; i++) {
      given().auth().oauth2(key).queryParam("q", "r" + i).when().get("/api/v1/search").then().statusCode(200);
    }
    // The test profile signs checkpoints every 2 s.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
        given().auth().oauth2(key).when().get("/api/v1/audit/verify").then().statusCode(200)
            .extract().jsonPath().getLong("verified_checkpoints") > 0);
    String publicKey = given().auth().oauth2(key).when().get("/api/v1/audit/public-key")
        .then().statusCode(200).extract().path("public_key_pem");
    assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");

    // Someone with the database, but not the signing key, rewrites event 2 and re-hashes every
    // event after it, so that the chain is consistent again.
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    long lastRewritten;
    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
      List<AuditRecord> chain = new java.util.ArrayList<>();
      try (var rows = sql.executeQuery("SELECT * FROM audit_events WHERE chain = '" + tenant
          + "' ORDER BY seq")) {
        while (rows.next()) {
          java.util.SortedMap<String, String> params = json.readValue(rows.getString("params"),
              new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, String>>() {});
          if (rows.getLong("seq") == 2) {
            params.put("q", "nothing to see");
          }
          chain.add(new AuditRecord(tenant, rows.getLong("seq"),
              rows.getObject("time", java.time.OffsetDateTime.class).toInstant(),
              rows.getString("tenant"), rows.getString("actor_type"), rows.getString("actor_id"),
              rows.getString("actor_name"), rows.getString("source"), rows.getString("user_agent"),
              rows.getString("action"), rows.getString("target"), params,
              rows.getString("outcome"), rows.getInt("status"), rows.getString("prev_hash"),
              rows.getString("hash")));
        }
      }
      sql.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
      try (var update = db.prepareStatement("UPDATE audit_events SET params = ?, prev_hash = ?,"
          + " hash = ? WHERE chain = ? AND seq = ?")) {
        String prev = chain.getFirst().hash();
        for (AuditRecord record : chain.subList(1, chain.size())) {
          AuditRecord linked = new AuditRecord(record.chain(), record.seq(), record.time(),
              record.tenant(), record.actorType(), record.actorId(), record.actorName(),
              record.source(), record.userAgent(), record.action(), record.target(),
              record.params(), record.outcome(), record.status(), prev, null);
          String hash = AuditHashing.hash(prev, linked);
          update.setString(1, AuditHashing.paramsJson(record.params()));
          update.setString(2, prev);
          update.setString(3, hash);
          update.setString(4, tenant);
          update.setLong(5, record.seq());
          update.executeUpdate();
          prev = hash;
        }
        sql.executeUpdate("UPDATE audit_heads SET hash = '" + prev + "' WHERE chain = '" + tenant + "'");
        lastRewritten = chain.getLast().seq();
      } finally {
        sql.execute("ALTER TABLE audit_events ENABLE TRIGGER USER");
      }
    }
    JsonPath result = given().auth().oauth2(key).when().get("/api/v1/audit/verify")
        .then().statusCode(200).extract().jsonPath();
    assertThat(result.getBoolean("ok")).isFalse();
    List<Map<String, Object>> problems = result.getList("problems");
    // The rewritten stretch is consistent again: only the signed checkpoint tells (the node that
    // wrote the chain remembers its real head, so the events it appends afterwards link to the
    // genuine hash and show a broken link too — after the stretch, never inside it).
    assertThat(problems).filteredOn(p -> "chain".equals(p.get("kind")))
        .allSatisfy(p -> assertThat(((Number) p.get("seq")).longValue()).isGreaterThan(lastRewritten));
    assertThat(problems).anySatisfy(p -> assertThat(p).containsEntry("kind", "signature")
        .extractingByKey("detail").asString().contains("rewritten"));
  }
}
