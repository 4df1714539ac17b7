package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.PackagedApp;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With Kafka unreachable, ingest answers 503 with Retry-After instead of pretending to store, on the
 * native API and on the Elasticsearch, Loki and OTLP endpoints (in their own error formats).
 */
class KafkaOutageIT {

  private static final String OPERATOR_KEY = "outage-test-operator";

  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void ingestIsRefusedWithRetryAfterWhileKafkaIsUnreachable() throws Exception {
    int nothingListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nothingListens = socket.getLocalPort();
    }
    app = new PackagedApp();
    app.start(Map.of("STRATA_DATA_DIR", Files.createTempDirectory("strata-outage-").toString(),
            "STRATA_OPERATOR_KEY", OPERATOR_KEY,
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nothingListens),
        List.of("-Dmp.messaging.outgoing.events-out.max.block.ms=2000",
            "-Dmp.messaging.outgoing.events-out.request.timeout.ms=2000",
            "-Dmp.messaging.outgoing.events-out.delivery.timeout.ms=4000"),
        "outage.log", false);
    app.post("/api/v1/admin/tenants", OPERATOR_KEY, "application/json", "{\"id\":\"outage\",\"name\":\"O\"}");
    String key = new ObjectMapper().readTree(app.post("/api/v1/admin/tenants/outage/keys", OPERATOR_KEY,
        "application/json", "{\"name\":\"k\",\"scopes\":[\"ingest\"]}")).get("key").asText();

    HttpResponse<String> response = app.send("POST", "/api/v1/ingest", key, "application/x-ndjson",
        "{\"message\":\"nowhere to go\"}\n");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("kafka-unavailable");
    assertThat(app.send("GET", "/q/health/ready", null, null, null).statusCode()).isEqualTo(503);

    HttpResponse<String> bulk = app.send("POST", "/_bulk", key, "application/x-ndjson",
        "{\"index\":{\"_index\":\"app\"}}\n{\"message\":\"nowhere to go\"}\n");
    assertThat(bulk.statusCode()).isEqualTo(503);
    assertThat(bulk.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(bulk.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
    assertThat(bulk.body()).contains("\"type\":\"unavailable_shards_exception\"")
        .contains("\"status\":503");

    HttpResponse<String> push = app.send("POST", "/loki/api/v1/push", key, "application/json",
        "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"nowhere\"]]}]}");
    assertThat(push.statusCode()).isEqualTo(503);
    assertThat(push.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(push.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));

    HttpResponse<String> export = app.send("POST", "/v1/logs", key, "application/json",
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"nowhere\"}}]}]}]}");
    assertThat(export.statusCode()).isEqualTo(503);
    assertThat(export.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(export.body()).startsWith("{\"code\":14,\"message\":");
  }
}
