package io.strata.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.strata.testing.LocalCluster;
import org.junit.jupiter.api.Test;

/**
 * A cluster on this machine, started by {@code scripts/cluster.sh} as a user starts it: one Kafka
 * broker, one PostgreSQL and three Strata processes with different roles and data directories —
 * node 1 ingests and indexes, node 2 searches, node 3 indexes and runs the jobs. Events go in
 * through node 1 and are searched through node 2, while indexers join, die and come back.
 */
class ClusterIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalCluster CLUSTER;
  private static String key;

  @BeforeAll
  static void startCluster() throws Exception {
    CLUSTER = new LocalCluster("cluster-it", Map.of(
        "STRATA_CLUSTER_ROLES", "ingest,index;search,console;index,jobs",
        "STRATA_CLUSTER_HEAP", "512m",
        "STRATA_KAFKA_PARTITIONS", "4",
        // Kafka learns what was consumed only every 30 s, Lucene commits every second: a node
        // killed leaves records in its indexes that the partition's next owner reads again.
        "MP_MESSAGING_INCOMING_EVENTS_IN_AUTO_COMMIT_INTERVAL_MS", "30000",
        "STRATA_INDEX_COMMIT_INTERVAL", "1s",
        "STRATA_SEAL_INTERVAL", "2s",
        "STRATA_SEAL_AFTER", "1s",
        "STRATA_ERASURE_CANCEL_WINDOW", "1s",
        "STRATA_ERASURE_CHECK_INTERVAL", "1s",
        "STRATA_ERASURE_MAX_SHARE", "0.5"));
    CLUSTER.run("start", "3");
    String operator = CLUSTER.operatorKey();
    LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants", operator, "{\"id\":\"shop\",\"name\":\"Shop\"}",
        201);
    // Spread over every partition, so that every indexer holds a share of the tenant's events.
    LocalCluster.send("PATCH", node(2) + "/api/v1/admin/tenants/shop", operator, "{\"partitions\":4}", 200);
    key = JSON.readTree(LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants/shop/keys", operator,
        "{\"name\":\"cluster-it\",\"scopes\":[\"ingest\",\"search\"]}", 201)).get("key").asText();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    CLUSTER.run("stop");
  }

  @Test
  void everyAcknowledgedEventIsSearchableExactlyOnceWhileIndexersJoinDieAndReturn()
      throws Exception {
    AtomicBoolean ingesting = new AtomicBoolean(true);
    AtomicInteger accepted = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    Thread load = Thread.ofPlatform().start(() -> {
      int batch = 0;
      while (ingesting.get()) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
          // Two batches share a trace: they go to different partitions, and so to two nodes.
          body.append("{\"message\":\"order ").append(batch).append('-').append(i)
              .append(" placed\",\"service\":\"checkout\",\"trace_id\":\"")
              .append(String.format("%032x", batch / 2 + 1)).append("\"}\n");
        }
        try {
          JsonNode answer = JSON.readTree(LocalCluster.send("POST", node(1) + "/api/v1/ingest", key,
              body.toString(), 200));
          accepted.addAndGet(answer.get("accepted").asInt());
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
        batch++;
        sleep(150);
      }
    });
    try {
      sleep(2_000);
      // A fourth node joins: partitions move to it mid-ingest.
      CLUSTER.runWith("STRATA_NODE_ROLES", "index", "add");
      sleep(2_000);
      // An indexer dies without a word, and comes back with its data.
      CLUSTER.run("kill", "3");
      sleep(2_000);
      CLUSTER.run("restart", "3");
      sleep(2_000);
    } finally {
      ingesting.set(false);
      load.join();
    }
    assertThat(failures).as("ingest answers while nodes come and go").isEmpty();
    int expected = accepted.get();
    // Enough to spread over every partition, few enough to be counted exactly (up to 10,000).
    assertThat(expected).isBetween(1_000, 10_000);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(search("placed", 1, null).get("total").asLong()).isEqualTo(expected));
    JsonNode first = search("placed", 1, null);
    assertThat(first.get("partial").asBoolean()).isFalse();
    assertThat(first.get("total_relation").asText()).as(first.toString()).isEqualTo("eq");

    // Paging through node 2 meets every event once, newest first, across the nodes' indexes.
    Set<String> ids = new HashSet<>();
    int pages = 0;
    String cursor = null;
    String previous = null;
    do {
      JsonNode page = search("placed", 997, cursor);
      for (JsonNode event : page.get("events")) {
        assertThat(ids.add(event.get("_id").asText())).as("seen once: %s", event).isTrue();
        String time = event.get("@timestamp").asText();
        assertThat(previous == null || time.compareTo(previous) <= 0).as("newest first").isTrue();
        previous = time;
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(ids).hasSize(expected);

    // Counts add up across the nodes: the histogram, its split, the facets.
    JsonNode histogram = JSON.readTree(LocalCluster.send("GET", node(2)
        + "/api/v1/histogram?q=placed&from=now-1h&interval=1m&split=service", key, null, 200));
    assertThat(histogram.get("total").asLong()).isEqualTo(expected);
    long buckets = 0;
    long split = 0;
    for (JsonNode bucket : histogram.get("buckets")) {
      buckets += bucket.get("count").asLong();
      split += bucket.path("split").path("checkout").asLong();
    }
    assertThat(buckets).isEqualTo(expected);
    assertThat(split).isEqualTo(expected);
    assertThat(histogram.get("partial").asBoolean()).isFalse();
    JsonNode facets = JSON.readTree(LocalCluster.send("GET", node(2)
        + "/api/v1/facets?q=placed&from=now-1h&fields=service", key, null, 200));
    assertThat(facets.get("total").asLong()).isEqualTo(expected);
    assertThat(facets.at("/facets/service/0/value").asText()).isEqualTo("checkout");
    assertThat(facets.at("/facets/service/0/count").asLong()).isEqualTo(expected);

    // Alert rules count over every index node (here through a preview on the search node).
    JsonNode preview = JSON.readTree(LocalCluster.send("POST", node(2) + "/api/v1/alerts/rules/preview", key,
        "{\"name\":\"orders\",\"query\":\"placed\",\"kind\":\"threshold\",\"window\":\"1h\","
            + "\"every\":\"1m\",\"condition\":{\"op\":\">\",\"value\":0},"
            + "\"group_by\":[\"service\"],\"channels\":[]}", 200));
    assertThat(preview.at("/groups/0/group/service").asText()).isEqualTo("checkout");
    assertThat(preview.at("/groups/0/value").asLong()).isEqualTo(expected);

    // A trace whose events two nodes hold is whole; the fields of every node are listed.
    JsonNode trace = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/trace/"
        + String.format("%032x", 1) + "?from=now-1h", key, null, 200));
    assertThat(trace.get("total").asLong()).isEqualTo(80);
    assertThat(trace.get("events")).hasSize(80);
    JsonNode fields = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/fields?from=now-1h", key, null,
        200));
    long serviceEvents = 0;
    for (JsonNode field : fields.get("fields")) {
      if (field.get("name").asText().equals("service")) {
        serviceEvents = field.get("events").asLong();
      }
    }
    assertThat(serviceEvents).isEqualTo(expected);

    // The lines around an event come from every node, in time order.
    String middle = ids.stream().sorted().skip(ids.size() / 2).findFirst().orElseThrow();
    JsonNode context = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/events/" + middle
        + "/context?before=300&after=300", key, null, 200));
    assertThat(context.get("before")).hasSize(300);
    assertThat(context.get("after")).hasSize(300);
    assertThat(context.get("partial").asBoolean()).isFalse();
    String last = null;
    for (JsonNode event : context.get("after")) {
      String time = event.get("@timestamp").asText();
      assertThat(last == null || time.compareTo(last) >= 0).as("oldest first").isTrue();
      last = time;
    }

    // An event is found by its id whichever node holds it.
    for (String id : ids.stream().limit(20).toList()) {
      JsonNode event = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/events/" + id, key, null, 200));
      assertThat(event.get("_id").asText()).isEqualTo(id);
    }

    // A node that is down makes answers partial, naming it, within the timeout.
    CLUSTER.run("kill", "4");
    long started = System.nanoTime();
    JsonNode partial = search("placed", 10, null);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(partial.get("partial").asBoolean()).isTrue();
    assertThat(partial.get("missing").toString()).contains("strata-4");
    assertThat(partial.get("events")).hasSize(10);
    JsonNode partialHistogram = JSON.readTree(LocalCluster.send("GET", node(2)
        + "/api/v1/histogram?q=placed&from=now-1h", key, null, 200));
    assertThat(partialHistogram.get("partial").asBoolean()).isTrue();
    assertThat(partialHistogram.get("missing").toString()).contains("strata-4");
    // An export is a file that looks whole: refused rather than short, unless asked for.
    HttpResponse<String> refusedExport = LocalCluster.raw("GET", node(2)
        + "/api/v1/export?q=placed&from=now-1h", key, null);
    assertThat(refusedExport.statusCode()).isEqualTo(503);
    assertThat(refusedExport.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(refusedExport.body()).contains("nodes-unavailable").contains("strata-4");
    HttpResponse<String> partialExport = LocalCluster.raw("GET", node(2)
        + "/api/v1/export?q=placed&from=now-1h&allow_partial=true&limit=5", key, null);
    assertThat(partialExport.statusCode()).isEqualTo(200);
    assertThat(partialExport.headers().firstValue("Strata-Partial-Missing")).hasValue("strata-4");
    assertThat(partialExport.body().lines().count()).isEqualTo(5);

    // The operator forgets a node gone for good (once it is silent): answers are whole again.
    String operator = CLUSTER.operatorKey();
    assertThat(LocalCluster.raw("DELETE", node(2) + "/api/v1/admin/nodes/strata-1", operator, null)
        .statusCode()).as("a live node is kept").isEqualTo(409);
    assertThat(LocalCluster.raw("DELETE", node(2) + "/api/v1/admin/nodes/strata-9", operator, null)
        .statusCode()).isEqualTo(404);
    assertThat(LocalCluster.raw("DELETE", node(2) + "/api/v1/admin/nodes/strata-4", key, null).statusCode())
        .as("a tenant's key is no operator").isEqualTo(403);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        LocalCluster.raw("DELETE", node(2) + "/api/v1/admin/nodes/strata-4", operator, null).statusCode()
            == 204);
    JsonNode whole = search("placed", 10, null);
    assertThat(whole.get("partial").asBoolean()).isFalse();
  }

  @Test
  void anErasureReachesEveryNodeAndRetentionReadsAddUpTheirIndexes() throws Exception {
    String operator = CLUSTER.operatorKey();
    LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants", operator, "{\"id\":\"gdpr\",\"name\":\"G\"}",
        201);
    LocalCluster.send("PATCH", node(2) + "/api/v1/admin/tenants/gdpr", operator, "{\"partitions\":4}", 200);
    String admin = JSON.readTree(LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants/gdpr/keys",
        operator, "{\"name\":\"dpo\",\"scopes\":[\"ingest\",\"search\",\"admin\",\"audit\"]}",
        201)).get("key").asText();
    int events = 0;
    for (int batch = 0; batch < 24; batch++) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 50; i++, events++) {
        body.append("{\"message\":\"login\",\"user\":\"")
            .append(events % 10 == 0 ? "subject@example.org" : "user" + events + "@example.org")
            .append("\"}\n");
      }
      LocalCluster.send("POST", node(1) + "/api/v1/ingest", admin, body.toString(), 200);
    }
    int all = events;
    String subject = "user:\"subject@example.org\"";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        total(admin, "login") == all);

    // Usage (as of the indexes' last commits) and the retention preview add up every index
    // node's part.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/usage", admin, null, 200)).get("events")
            .asLong() == all);
    JsonNode usage = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/usage", admin, null, 200));
    assertThat(usage.get("partial").asBoolean()).isFalse();
    JsonNode preview = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/retention/preview", admin,
        null, 200));
    assertThat(preview.get("partial").asBoolean()).isFalse();

    // The erasure is asked through the search node and run by the jobs node, on every indexer.
    String id = JSON.readTree(LocalCluster.send("POST", node(2) + "/api/v1/erasures", admin,
        "{\"query\":" + JSON.writeValueAsString(subject) + ",\"from\":\"now-1h\","
            + "\"reason\":\"Art. 17\"}", 202)).get("id").asText();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/erasures/" + id, admin, null, 200))
            .get("state").asText().equals("completed"));
    assertThat(total(admin, subject)).isZero();
    assertThat(total(admin, "login")).isEqualTo(all - all / 10);
    JsonNode receipt = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/erasures/" + id + "/receipt",
        admin, null, 200));
    assertThat(receipt.at("/counts/deleted").asLong()).isEqualTo(all / 10);
    assertThat(receipt.at("/counts/remaining").asLong()).isZero();
    Set<String> nodes = new HashSet<>();
    receipt.get("indexes").forEach(index -> nodes.add(index.get("node").asText()));
    assertThat(nodes).as("the indexers that held the subject's events").contains("strata-1",
        "strata-3");
  }

  private static long total(String bearer, String q) throws Exception {
    return JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/search?limit=1&from=now-1h&q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8), bearer, null, 200)).get("total").asLong();
  }

  @Test
  void aLiveTailOnTheSearchNodeFollowsEveryIndexer() throws Exception {
    String marker = "tail" + Long.toHexString(System.nanoTime());
    Set<String> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch open = new CountDownLatch(1);
    // Node 2 indexes nothing itself: every event of the tail comes from the index nodes.
    HttpResponse<java.util.stream.Stream<String>> tail = HTTP.send(HttpRequest.newBuilder(
            URI.create(node(2) + "/api/v1/tail?q=" + marker))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(tail.statusCode()).isEqualTo(200);
    Thread reader = Thread.ofVirtual().start(() -> {
      try (var lines = tail.body()) {
        lines.forEach(line -> {
          if (line.startsWith(":")) {
            open.countDown();
          } else if (line.startsWith("id:")) {
            seen.add(line.substring(3).trim());
          }
        });
      } catch (RuntimeException e) {
        // closed at the end of the test
      }
    });
    try {
      assertThat(open.await(30, TimeUnit.SECONDS)).as("the tail opened").isTrue();
      int events = 0;
      for (int batch = 0; batch < 8; batch++) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 25; i++, events++) {
          body.append("{\"message\":\"").append(marker).append(' ').append(events).append("\"}\n");
        }
        LocalCluster.send("POST", node(1) + "/api/v1/ingest", key, body.toString(), 200);
      }
      int all = events;
      // Spread over four partitions, so over both indexers: the tail has every one, once.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> seen.size() == all);
      JsonNode found = search(marker, 1000, null);
      Set<String> ids = new HashSet<>();
      found.get("events").forEach(event -> ids.add(event.get("_id").asText()));
      assertThat(seen).isEqualTo(ids);
    } finally {
      reader.interrupt();
      tail.body().close();
    }
  }

  @Test
  void eachIndexerSealsItsPartOfADayAndTheSearchNodeVerifiesEveryPart() throws Exception {
    String operator = CLUSTER.operatorKey();
    LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants", operator,
        "{\"id\":\"sealed\",\"name\":\"S\"}", 201);
    LocalCluster.send("PATCH", node(2) + "/api/v1/admin/tenants/sealed", operator, "{\"partitions\":4}", 200);
    String auditor = JSON.readTree(LocalCluster.send("POST", node(2) + "/api/v1/admin/tenants/sealed/keys",
        operator, "{\"name\":\"a\",\"scopes\":[\"ingest\",\"search\",\"audit\"]}", 201))
        .get("key").asText();
    // Yesterday is over: its index is sealed once left alone, on each node that holds a part.
    String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "T12:00:00Z";
    for (int batch = 0; batch < 12; batch++) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        body.append("{\"@timestamp\":\"").append(yesterday).append("\",\"message\":\"old ")
            .append(batch).append('-').append(i).append("\"}\n");
      }
      LocalCluster.send("POST", node(1) + "/api/v1/ingest", auditor, body.toString(), 200);
    }
    Set<String> sealers = ConcurrentHashMap.newKeySet();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonNode seals = JSON.readTree(LocalCluster.send("GET", node(2)
          + "/api/v1/audit?action=index.seal&limit=100", auditor, null, 200)).get("events");
      seals.forEach(seal -> sealers.add(seal.at("/params/node").asText()));
      return sealers.containsAll(Set.of("strata-1", "strata-3"));
    });
    // Node 2 holds no index: it asks each sealing node to recompute its part.
    JsonNode verified = JSON.readTree(LocalCluster.send("GET", node(2) + "/api/v1/audit/verify", auditor, null,
        200));
    assertThat(verified.get("problems")).as(verified.toString()).isEmpty();
    assertThat(verified.get("ok").asBoolean()).isTrue();
    assertThat(verified.get("verified_indexes").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aNodeRefusesWhatItsRolesDoNotServe() throws Exception {
    HttpResponse<String> search = LocalCluster.raw("GET", node(1) + "/api/v1/search?q=x", key, null);
    assertThat(search.statusCode()).isEqualTo(421);
    assertThat(search.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(search.body()).contains("search role");
    HttpResponse<String> ingest = LocalCluster.raw("POST", node(2) + "/api/v1/ingest", key, "{\"message\":1}");
    assertThat(ingest.statusCode()).isEqualTo(421);
    assertThat(ingest.body()).contains("ingest role");
  }

  @Test
  void internalEndpointsAnswerOnlyNodesWithTheClusterSecret() throws Exception {
    String request = "{\"q\":\"placed\",\"from_millis\":0,\"to_millis\":" + Long.MAX_VALUE / 2
        + ",\"now_millis\":0,\"limit\":1,\"count_all\":true}";
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
            URI.create(node(1) + "/internal/v1/search/page"))
        .header("Content-Type", "application/json").header("X-Strata-Tenant", "shop")
        .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> wrongSecret = HTTP.send(HttpRequest.newBuilder(
            URI.create(node(1) + "/internal/v1/search/page"))
        .header("Content-Type", "application/json").header("X-Strata-Tenant", "shop")
        .header("X-Strata-Node-Secret", "guess")
        .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    // A tenant's API key is no node secret either.
    HttpResponse<String> withKey = LocalCluster.raw("POST", node(1) + "/internal/v1/search/page", key, request);
    assertThat(withKey.statusCode()).isEqualTo(401);
    // A node's request without its body is refused as such, not failed on.
    HttpResponse<String> noBody = HTTP.send(HttpRequest.newBuilder(
            URI.create(node(1) + "/internal/v1/search/page"))
        .header("Content-Type", "application/json").header("X-Strata-Tenant", "shop")
        .header("X-Strata-Node-Secret",
            Files.readString(CLUSTER.dir().resolve("cluster.secret")).trim())
        .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).contains("body-required");
  }

  private static JsonNode search(String q, int limit, String cursor) throws Exception {
    String url = node(2) + "/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + "&from=now-1h&limit=" + limit
        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return JSON.readTree(LocalCluster.send("GET", url, key, null, 200));
  }

  private static String node(int i) {
    return CLUSTER.node(i);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
