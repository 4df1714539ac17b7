package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged application with SIGKILL while events stream in, starts it again on the same
 * data, and checks that every acknowledged event is searchable exactly once.
 */
class CrashRecoveryIT {

  private static final String OPERATOR_KEY = "crash-test-operator";
  private static final int BATCH = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  // Lucene commits every second, Kafka offsets only every 2 minutes: a kill within the first two
  // minutes leaves records that the indexes already hold but Kafka will deliver again, however
  // slow the machine.
  private static final List<String> PROPERTIES = List.of("-Dstrata.index.commit-interval=1s",
      "-Dmp.messaging.incoming.events-in.auto.commit.interval.ms=120000");

  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void acknowledgedEventsSurviveKillDashNineExactlyOnce() throws Exception {
    Map<String, String> env = PackagedApp.withFreshData("crash", OPERATOR_KEY);
    app = new PackagedApp();
    app.start(env, PROPERTIES, "crash-1.log", true);
    String key = app.createTenant(OPERATOR_KEY, "crash", "Crash", "ingest", "search");

    AtomicInteger acked = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Thread sender = Thread.ofPlatform().start(() -> {
      int next = 0;
      while (!stop.get() && next < 9_000) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
          body.append("{\"n\":").append(next + i).append(",\"message\":\"crash test event\"}\n");
        }
        try {
          app.post("/api/v1/ingest", key, "application/x-ndjson", body.toString());
          next += BATCH;
          acked.set(next); // batches go one after another: all below 'next' are acknowledged
        } catch (Exception e) {
          return; // the process is gone: this batch was never acknowledged
        }
      }
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() >= 3_000);
    // The kill must find events in a Lucene commit that Kafka's offsets do not cover yet, or there
    // is nothing to replay: on a slow machine the indexer may not have committed anything 1.5 s
    // after the 3,000th acknowledgement. So wait for a Lucene commit made after the indexer held
    // 1,000 of the tenant's events.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
        metric(app, "strata_index_events_total\\{outcome=\"indexed\",tenant=\"crash\"\\}")
            >= 1_000);
    double commits = metric(app, "strata_index_commit_seconds_count");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        metric(app, "strata_index_commit_seconds_count") > commits);
    app.kill();
    stop.set(true);
    sender.join(30_000);
    int acknowledged = acked.get();
    assertThat(acknowledged).isGreaterThanOrEqualTo(3_000);

    app.start(env, PROPERTIES, "crash-2.log", true);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        JSON.readTree(app.get("/api/v1/search?q=&from=now-1d&limit=1", key)).get("total").asInt()
            >= acknowledged);
    Thread.sleep(3_000); // anything replayed twice would show up now
    BitSet seen = new BitSet();
    int events = 0;
    String cursor = null;
    do {
      String url = "/api/v1/search?q=&from=now-1d&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = JSON.readTree(app.get(url, key));
      for (JsonNode event : page.get("events")) {
        int n = event.get("n").asInt();
        assertThat(seen.get(n)).as("event %d indexed twice", n).isFalse();
        seen.set(n);
        events++;
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
    } while (cursor != null);
    assertThat(seen.nextClearBit(0)).as("first missing acknowledged event").isGreaterThanOrEqualTo(acknowledged);
    assertThat(events).isEqualTo(seen.cardinality());
    assertThat(app.get("/q/metrics", null)).as("the restart replayed records the indexes already held")
        .containsPattern("strata_index_events_total\\{outcome=\"replayed\",tenant=\"crash\"\\} [1-9]");
  }

  /**
   * Commits run beside indexing, so one may hold events of batches after the offsets it records.
   * A backlog of large batches makes that likely at the kill: whatever the last commit held,
   * every acknowledged batch must come back exactly once.
   */
  @Test
  void aKillWhileABacklogIsIndexedAndCommittedLosesAndDuplicatesNothing() throws Exception {
    Map<String, String> env = PackagedApp.withFreshData("crash-backlog", OPERATOR_KEY);
    app = new PackagedApp();
    app.start(env, PROPERTIES, "crash-backlog-1.log", true);
    String key = app.createTenant(OPERATOR_KEY, "backlog", "Backlog", "ingest", "search");

    int bodies = 80;
    int perBody = 5_000;
    java.util.Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    List<Thread> senders = new java.util.ArrayList<>();
    for (int t = 0; t < 2; t++) {
      senders.add(Thread.ofPlatform().start(() -> {
        for (int b = next.getAndIncrement(); b < bodies; b = next.getAndIncrement()) {
          String body = body(b, perBody);
          try {
            app.post("/api/v1/ingest", key, "application/x-ndjson", body);
            acked.add(bodyName(b));
          } catch (Exception e) {
            return; // the process is gone: this body may or may not be in Kafka
          }
        }
      }));
    }
    // Killed while the indexer is behind, with commits under way every second.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
        indexed(app) >= bodies * perBody / 3);
    app.kill();
    for (Thread sender : senders) {
      sender.join(30_000);
    }
    assertThat(acked).hasSizeGreaterThan(bodies / 3);

    app.start(env, PROPERTIES, "crash-backlog-2.log", true);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
        JSON.readTree(app.get("/api/v1/histogram?from=now-1d&interval=1h", key)).get("total")
            .asLong() >= (long) acked.size() * perBody);
    Thread.sleep(3_000); // anything replayed twice would show up now
    JsonNode counts = JSON.readTree(app.get("/api/v1/facets?from=now-1d&fields=b&size=1000", key))
        .get("facets").get("b");
    Map<String, Long> byBody = new java.util.HashMap<>();
    counts.forEach(c -> byBody.put(c.get("value").asText(), c.get("count").asLong()));
    for (String body : acked) {
      assertThat(byBody.get(body)).as("events of acknowledged body %s", body).isEqualTo(perBody);
    }
    // A body whose response the kill cut off may be in Kafka, wholly or in part, but not twice.
    byBody.forEach((body, count) -> assertThat(count).as("events of body %s", body)
        .isLessThanOrEqualTo(perBody));
  }

  private static String bodyName(int b) {
    return String.format("b%03d", b);
  }

  private static String body(int b, int events) {
    StringBuilder body = new StringBuilder(events * 120);
    for (int i = 0; i < events; i++) {
      body.append("{\"b\":\"").append(bodyName(b)).append("\",\"n\":").append(i)
          .append(",\"service\":\"svc").append(i % 50).append("\",\"message\":\"backlog event ")
          .append(i).append(" of body ").append(b).append("\"}\n");
    }
    return body.toString();
  }

  /** Events indexed so far by the running process, from its metrics. */
  /** The value of the first series that {@code series} (a regular expression) matches, or 0. */
  private static double metric(PackagedApp app, String series) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(series + " ([0-9.E]+)")
        .matcher(app.get("/q/metrics", null));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static long indexed(PackagedApp app) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("strata_index_events_total\\{outcome=\"indexed\",tenant=\"backlog\"\\} ([0-9.E]+)")
        .matcher(app.get("/q/metrics", null));
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
