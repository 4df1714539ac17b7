package io.strata.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.LocalCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partitions an operator adds to the event topic with Kafka's own tools are used while the nodes
 * run: ingest spreads a tenant over them, the indexers' group takes them, and every event is
 * searchable once.
 */
class PartitionGrowthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "strata-events";
  private static LocalCluster cluster;
  private static String operator;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster("partition-growth-it", Map.of(
        "STRATA_CLUSTER_HEAP", "512m",
        "STRATA_KAFKA_PARTITIONS", "2",
        "STRATA_KAFKA_PARTITION_REFRESH", "1s",
        "MP_MESSAGING_INCOMING_EVENTS_IN_METADATA_MAX_AGE_MS", "1000",
        "STRATA_INDEX_COMMIT_INTERVAL", "1s"));
    cluster.run("start", "1");
    operator = cluster.operatorKey();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.run("stop");
    }
  }

  @Test
  void partitionsAddedToTheTopicAreUsedWithoutARestart() throws Exception {
    LocalCluster.send("POST", cluster.node(1) + "/api/v1/admin/tenants", operator,
        "{\"id\":\"big\",\"name\":\"Big\"}", 201);
    // More than the topic has: the tenant takes every partition there is, and any added later.
    LocalCluster.send("PATCH", cluster.node(1) + "/api/v1/admin/tenants/big", operator,
        "{\"partitions\":4}", 200);
    String key = JSON.readTree(LocalCluster.send("POST", cluster.node(1)
        + "/api/v1/admin/tenants/big/keys", operator,
        "{\"name\":\"growth\",\"scopes\":[\"ingest\",\"search\"]}", 201)).get("key").asText();

    int accepted = ingest(key, 10);
    java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();
    try (Admin admin = Admin.create(adminProperties())) {
      assertThat(endOffsets(admin, 4)).as("two partitions so far, both used").hasSize(2)
          .allMatch(end -> end > 0);
      admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(4))).all()
          .get(30, TimeUnit.SECONDS);
      // Once ingest has read the new count, new events go to all four partitions.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        added.addAndGet(ingest(key, 4));
        List<Long> ends = endOffsets(admin, 4);
        return ends.size() == 4 && ends.get(2) > 0 && ends.get(3) > 0;
      });
    }
    int expected = accepted + added.get();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(JSON.readTree(LocalCluster.send("GET", cluster.node(1)
            + "/api/v1/search?q=grown&from=now-1h&limit=1", key, null, 200))
            .get("total").asLong()).isEqualTo(expected));
  }

  /** Sends {@code batches} requests of 25 events; returns how many were accepted. */
  private static int ingest(String key, int batches) throws Exception {
    int accepted = 0;
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        body.append("{\"message\":\"grown ").append(b).append('-').append(i)
            .append("\",\"service\":\"orders\"}\n");
      }
      accepted += JSON.readTree(LocalCluster.send("POST", cluster.node(1) + "/api/v1/ingest", key,
          body.toString(), 200)).get("accepted").asInt();
    }
    return accepted;
  }

  /** The end offset of each of the topic's first {@code count} partitions that exist. */
  private static List<Long> endOffsets(Admin admin, int count) throws Exception {
    int partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(TOPIC).partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new java.util.LinkedHashMap<>();
    for (int p = 0; p < Math.min(count, partitions); p++) {
      latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
    }
    var offsets = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    return latest.keySet().stream().map(tp -> offsets.get(tp).offset())
        .collect(Collectors.toList());
  }

  /** The broker's address and credentials, from what the cluster's services wrote for the nodes. */
  private static Properties adminProperties() throws Exception {
    Properties props = new Properties();
    for (String line : Files.readAllLines(cluster.dir().resolve("services")
        .resolve("services.env"))) {
      // KAFKA_SASL_JAAS_CONFIG='...' is sasl.jaas.config: the address and the credentials.
      if (line.startsWith("KAFKA_")) {
        int equals = line.indexOf('=');
        props.put(line.substring("KAFKA_".length(), equals).toLowerCase(Locale.ROOT)
            .replace('_', '.'), line.substring(equals + 2, line.length() - 1));
      }
    }
    return props;
  }
}
