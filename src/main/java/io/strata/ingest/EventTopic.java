package io.strata.ingest;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the event topic at start-up when it does not exist, with room for the largest record
 * ingest writes; a broker's automatic topic creation would cap records at its 1 MB default.
 */
// Runs before the messaging channels start, so a consumer cannot create the topic first with the
// broker's defaults.
@Startup(100)
@Singleton
public class EventTopic {

  /** Records hold batches of events of up to 1 MiB each, plus one event of up to the event limit. */
  static final String MAX_MESSAGE_BYTES = String.valueOf(16 * 1024 * 1024);

  private static final Logger LOG = Logger.getLogger(EventTopic.class);

  private final KafkaTopicConfig config;
  private final Map<String, Object> kafka;
  private volatile int partitionCount;

  EventTopic(KafkaTopicConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  /**
   * The topic's partitions as last read (at start-up, then every {@link
   * KafkaTopicConfig#partitionRefresh()}); the configured number when it could not be read.
   */
  public int partitionCount() {
    return partitionCount;
  }

  /** The topic's name. */
  public String name() {
    return config.topic();
  }

  /** The admin client's settings: the same address and credentials as the messaging channels. */
  private Properties adminProperties() {
    Properties props = new Properties();
    kafka.forEach((name, value) -> {
      if (name.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || name.startsWith("security.")
          || name.startsWith("sasl.") || name.startsWith("ssl.")) {
        props.put(name, value);
      }
    });
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return props;
  }

  /**
   * Takes partitions an operator added to the topic into use: ingest spreads tenants over them
   * from now on, and the indexers' consumer group takes them at its next metadata refresh
   * ({@code metadata.max.age.ms}, as often). Kafka cannot take partitions away.
   */
  @Scheduled(every = "${strata.kafka.partition-refresh:30s}",
      delayed = "${strata.kafka.partition-refresh:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refreshPartitions() {
    try (Admin admin = Admin.create(adminProperties())) {
      int now = admin.describeTopics(List.of(config.topic())).allTopicNames()
          .get(15, TimeUnit.SECONDS).get(config.topic()).partitions().size();
      if (now > partitionCount) {
        LOG.infof("Topic %s has %d partitions now (was %d): new events use them", config.topic(),
            now, partitionCount);
        partitionCount = now;
      }
    } catch (Exception e) {
      LOG.debugf("The partitions of topic %s could not be read: %s", config.topic(),
          e.getMessage());
    }
  }

  @PostConstruct
  void create() {
    partitionCount = config.partitions();
    try (Admin admin = Admin.create(adminProperties())) {
      if (admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(config.topic())) {
        partitionCount = admin.describeTopics(List.of(config.topic())).allTopicNames()
            .get(15, TimeUnit.SECONDS).get(config.topic()).partitions().size();
        boundRetention(admin);
        return;
      }
      NewTopic topic = new NewTopic(config.topic(), Optional.of(config.partitions()), Optional.empty())
          .configs(Map.of("max.message.bytes", MAX_MESSAGE_BYTES,
              TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retention().toMillis()),
              TopicConfig.SEGMENT_MS_CONFIG, Long.toString(config.segmentRoll().toMillis())));
      admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
      LOG.infof("Created topic %s with %d partitions", config.topic(), config.partitions());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        // Not fatal: the topic may be managed elsewhere (an operator, a restricted ACL).
        LOG.warnf("Could not create topic %s: %s", config.topic(), e.getCause().getMessage());
      }
    } catch (Exception e) {
      LOG.warnf(e, "Could not create topic %s", config.topic());
    }
  }

  /**
   * Keeps an existing topic's retention at the configured bound: erasure receipts promise it, so a
   * topic created with another (or by an older version, with Kafka's 7 days) is brought into line.
   */
  private void boundRetention(Admin admin) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
    Config current = admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS)
        .get(resource);
    String retention = Long.toString(config.retention().toMillis());
    String segment = Long.toString(config.segmentRoll().toMillis());
    if (retention.equals(current.get(TopicConfig.RETENTION_MS_CONFIG).value())
        && segment.equals(current.get(TopicConfig.SEGMENT_MS_CONFIG).value())) {
      return;
    }
    admin.incrementalAlterConfigs(Map.of(resource, List.of(
        new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retention),
            AlterConfigOp.OpType.SET),
        new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_MS_CONFIG, segment),
            AlterConfigOp.OpType.SET)))).all().get(15, TimeUnit.SECONDS);
    LOG.infof("Set the retention of topic %s to %s", config.topic(), config.retention());
  }
}
