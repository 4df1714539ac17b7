package io.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.LocalCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An indexer that loses its disk comes back from the bucket: started by {@code scripts/cluster.sh}
 * with a real S3-compatible server (s3proxy, its own process) beside a node that takes the events
 * in, killed with -9 mid-ingest, its data directory deleted, and started again on the empty disk. Every acknowledged event is searchable
 * exactly once again, and most came from the bucket rather than from Kafka. The node's disk is a
 * cache of one byte: sealed days leave it, and searches fetch them back.
 */
class DiskLossIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalCluster cluster;
  private static String key;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster("disk-loss-it", Map.ofEntries(
        Map.entry("STRATA_CLUSTER_S3", "1"),
        // Node 1 takes the events in and answers searches; node 2 indexes, and loses its disk.
        Map.entry("STRATA_CLUSTER_ROLES", "ingest,search,console,jobs;index"),
        Map.entry("STRATA_CLUSTER_HEAP", "512m"),
        Map.entry("STRATA_KAFKA_PARTITIONS", "2"),
        Map.entry("STRATA_INDEX_COMMIT_INTERVAL", "1s"),
        // Long enough for Kafka to record later events as consumed before the next checkpoint.
        Map.entry("STRATA_S3_CHECKPOINT_INTERVAL", "12s"),
        Map.entry("STRATA_S3_RETRY_INTERVAL", "1s"),
        Map.entry("STRATA_SEAL_INTERVAL", "2s"),
        Map.entry("STRATA_SEAL_AFTER", "1s"),
        // Every sealed day in the bucket leaves the disk once closed: reads fetch it back.
        Map.entry("STRATA_S3_CACHE_SIZE", "1"),
        Map.entry("STRATA_INDEX_CLOSE_IDLE_AFTER", "2s")));
    cluster.run("start", "2");
    String operator = cluster.operatorKey();
    LocalCluster.send("POST", cluster.node(1) + "/api/v1/admin/tenants", operator,
        "{\"id\":\"shop\",\"name\":\"Shop\"}", 201);
    LocalCluster.send("PATCH", cluster.node(1) + "/api/v1/admin/tenants/shop", operator,
        "{\"partitions\":2}", 200);
    key = JSON.readTree(LocalCluster.send("POST", cluster.node(1)
        + "/api/v1/admin/tenants/shop/keys", operator,
        "{\"name\":\"disk-loss-it\",\"scopes\":[\"ingest\",\"search\"]}", 201)).get("key").asText();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.run("stop");
    }
  }

  @Test
  void aNodeWhoseDiskIsLostIsRestoredFromTheBucketWithEveryEventOnce() throws Exception {
    // A day that is over (sealed and uploaded as such) and today (uploaded by checkpoints).
    int old = ingest("kept", 2, 6, 50);
    int before = old + ingest("kept", 0, 6, 50);
    awaitTotal("kept", before);

    // The past day is sealed, uploaded, and leaves the disk; a search fetches it back.
    String day = Instant.now().minus(2, ChronoUnit.DAYS).toString().substring(0, 10);
    Path local = cluster.dir().resolve("node-2").resolve("indexes").resolve("shop").resolve(day);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> !Files.exists(local) && Files.exists(local.resolveSibling(day + "~remote")));
    assertThat(metric("strata_storage_evictions_total", null)).isGreaterThanOrEqualTo(1);
    double fetches = metric("strata_storage_fetches_total", null);
    assertThat(search("kept", 1, "now-3d", "now-1d").get("total").asLong()).isEqualTo(old);
    assertThat(metric("strata_storage_fetches_total", null)).isEqualTo(fetches + 1);
    // A checkpoint that started after those events were indexed covers them all.
    double checkpoints = metric("strata_storage_checkpoints_total", null);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> metric("strata_storage_checkpoints_total", null) >= checkpoints + 2);

    // Events keep coming in through node 1. Those right after the checkpoint are indexed,
    // committed to Lucene and recorded as consumed in Kafka (every second); then the indexer dies
    // before its next checkpoint, mid-ingest. Kafka alone would have the restored node read on
    // after them: they were on the lost disk only.
    AtomicBoolean ingesting = new AtomicBoolean(true);
    AtomicInteger accepted = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread load = Thread.ofPlatform().start(() -> {
      while (ingesting.get()) {
        try {
          accepted.addAndGet(ingest("late", 0, 1, 20));
        } catch (Exception e) {
          failures.add(e);
        }
        sleep(100);
      }
    });
    try {
      Thread.sleep(4_000);
      assertThat(metric("strata_storage_checkpoints_total", null)).as("no checkpoint since")
          .isEqualTo(checkpoints + 2);
      cluster.run("kill", "2");
      LocalCluster.deleteTree(cluster.dir().resolve("node-2"));
      Thread.sleep(1_000);
      cluster.run("restart", "2");
      Thread.sleep(2_000);
    } finally {
      ingesting.set(false);
      load.join();
    }
    assertThat(failures).as("ingest answers while the indexer is down").isEmpty();
    int after = accepted.get();

    awaitTotal("kept", before);
    awaitTotal("late", after);
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      JsonNode page = JSON.readTree(LocalCluster.send("GET", cluster.node(1)
          + "/api/v1/search?q=kept%20OR%20late&from=now-7d&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
          key, null, 200));
      for (JsonNode event : page.get("events")) {
        assertThat(ids.add(event.get("_id").asText())).as("seen once: %s", event).isTrue();
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
    } while (cursor != null);
    assertThat(ids).hasSize(before + after);

    // The restored node downloaded what the bucket held and indexed only the rest from Kafka.
    double restored = metric("strata_storage_restored_events_total", null);
    double indexed = metric("strata_index_events_total", "outcome=\"indexed\"");
    assertThat(restored).as("events from the bucket").isEqualTo(before);
    assertThat(indexed).as("events read again from Kafka").isEqualTo(after);
    assertThat(metric("strata_storage_restored_indexes_total", null)).isGreaterThanOrEqualTo(2);
  }

  /** Ingests {@code batches} of {@code size} events {@code daysAgo} days back; returns how many. */
  private static int ingest(String word, int daysAgo, int batches, int size) throws Exception {
    String when = Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
        .toString();
    int accepted = 0;
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < size; i++) {
        body.append("{\"@timestamp\":\"").append(when).append("\",\"message\":\"").append(word)
            .append(' ').append(daysAgo).append('-').append(b).append('-').append(i)
            .append("\",\"service\":\"checkout\"}\n");
      }
      accepted += JSON.readTree(LocalCluster.send("POST", cluster.node(1) + "/api/v1/ingest", key,
          body.toString(), 200)).get("accepted").asInt();
    }
    return accepted;
  }

  private static void awaitTotal(String q, int expected) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(search(q, 1).get("total").asLong()).isEqualTo(expected));
  }

  private static JsonNode search(String q, int limit) throws Exception {
    return search(q, limit, "now-7d", "now");
  }

  private static JsonNode search(String q, int limit, String from, String to) throws Exception {
    return JSON.readTree(LocalCluster.send("GET", cluster.node(1) + "/api/v1/search?q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to
        + "&limit=" + limit, key, null, 200));
  }

  /** A metric of the indexer, node 2. */
  private static double metric(String name, String labels) throws Exception {
    return cluster.metric(2, name, labels);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
