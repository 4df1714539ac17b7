package io.strata.ingest.syslog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.KafkaBrokerProcess;
import io.strata.testing.PackagedApp;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While Kafka does not answer, a syslog TCP listener stops reading its connection instead of
 * dropping what it received, and once Kafka is back every line is stored (at least once: a batch
 * whose acknowledgement timed out is sent again): the packaged application against a real broker
 * that the test freezes (SIGSTOP) and lets go on (SIGCONT).
 */
class SyslogOutageIT {

  private static final String OPERATOR_KEY = "syslog-outage-operator";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LINES = 5000;

  private PackagedApp app;
  private KafkaBrokerProcess kafka;

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aTcpConnectionIsHeldBackWhileKafkaIsFrozenAndLosesNothing() throws Exception {
    Path dir = Files.createTempDirectory("strata-syslog-outage-");
    kafka = KafkaBrokerProcess.start(dir.resolve("kafka"), "syslog-outage-kafka.log");
    Map<String, String> env = new java.util.HashMap<>(kafka.clientEnvironment());
    env.put("STRATA_DATA_DIR", dir.resolve("data").toString());
    env.put("STRATA_OPERATOR_KEY", OPERATOR_KEY);
    List<String> fastFailure = List.of(
        "-Dmp.messaging.outgoing.events-out.max.block.ms=2000",
        "-Dmp.messaging.outgoing.events-out.request.timeout.ms=2000",
        "-Dmp.messaging.outgoing.events-out.delivery.timeout.ms=4000",
        "-Dstrata.syslog.batch-events=500");

    // The key is issued first, then given to the listener as an operator would: by restarting.
    app = new PackagedApp();
    app.start(env, fastFailure, "syslog-outage-1.log", true);
    app.post("/api/v1/admin/tenants", OPERATOR_KEY, "application/json",
        "{\"id\":\"outage\",\"name\":\"O\"}");
    String key = JSON.readTree(app.post("/api/v1/admin/tenants/outage/keys", OPERATOR_KEY,
        "application/json", "{\"name\":\"k\",\"scopes\":[\"ingest\",\"search\"]}")).get("key")
        .asText();
    app.close();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    app = new PackagedApp();
    Map<String, String> listening = new java.util.HashMap<>(env);
    listening.putAll(Map.of("STRATA_SYSLOG_HOST", "127.0.0.1",
        "STRATA_SYSLOG_TCP_PORT", Integer.toString(port), "STRATA_SYSLOG_API_KEY", key));
    app.start(listening, fastFailure, "syslog-outage-2.log", true);
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(
        Path.of("target", "syslog-outage-2.log")).contains("takes events for tenant outage"));

    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("<14>Nov 27 10:00:00 h app: before the outage\n".getBytes(UTF_8));
      out.flush();
      await().atMost(Duration.ofSeconds(15)).until(() -> total(key, "before") == 1);

      kafka.suspend();
      StringBuilder lines = new StringBuilder();
      for (int i = 1; i <= LINES; i++) {
        lines.append("<14>Nov 27 10:00:00 h app: during line n").append(i).append('\n');
      }
      out.write(lines.toString().getBytes(UTF_8));
      out.flush();
      // Kafka takes nothing: the listener holds two batches and stops reading the rest.
      Thread.sleep(8000);
      assertThat(metric("received")).isLessThan(LINES);
      assertThat(metric("dropped")).isZero();
      assertThat(metric("published")).isEqualTo(1);

      kafka.resume();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> metric("published") >= LINES + 1);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> total(key, "during") >= LINES);
    // Nothing is lost. A batch whose acknowledgement timed out may have reached the frozen broker
    // after all and is stored again when it is resent: at most the two held batches (of 500).
    int[] stored = new int[1];
    assertThat(distinctLines(key, stored)).isEqualTo(LINES);
    assertThat(stored[0]).isBetween(LINES, LINES + 2 * 500);
    assertThat(metric("received")).isEqualTo(LINES + 1);
    assertThat(metric("dropped")).isZero();
    assertThat(metric("rejected")).isZero();
  }

  private long metric(String outcome) throws Exception {
    Pattern line = Pattern.compile("^strata_syslog_messages_total\\{([^}]*)\\} ([0-9.E+]+)$",
        Pattern.MULTILINE);
    Matcher m = line.matcher(app.get("/q/metrics", null));
    long sum = 0;
    while (m.find()) {
      if (m.group(1).contains("outcome=\"" + outcome + "\"")
          && m.group(1).contains("transport=\"tcp\"")) {
        sum += (long) Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private int total(String key, String q) throws Exception {
    return search(key, q, null).get("total").asInt();
  }

  private JsonNode search(String key, String q, String cursor) throws Exception {
    String path = "/api/v1/search?limit=1000&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&q="
        + URLEncoder.encode(q, UTF_8)
        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, UTF_8));
    return JSON.readTree(app.get(path, key));
  }

  /** The distinct lines stored, read page by page; {@code stored[0]} gets the number of events. */
  private int distinctLines(String key, int[] stored) throws Exception {
    Set<String> seen = new HashSet<>();
    int events = 0;
    String cursor = null;
    do {
      JsonNode page = search(key, "during", cursor);
      for (JsonNode event : page.get("events")) {
        seen.add(event.get("message").asText());
        events++;
      }
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
    } while (cursor != null);
    stored[0] = events;
    return seen.size();
  }
}
