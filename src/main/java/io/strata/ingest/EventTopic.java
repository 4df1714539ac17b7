package io.strata.ingest;

import io.quarkus.runtime.Startup;
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
import org.apache.kafka.clients.admin.NewTopic;
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

  EventTopic(KafkaTopicConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  @PostConstruct
  void create() {
    Properties props = new Properties();
    // The same address and credentials (SASL, TLS) as the messaging channels.
    kafka.forEach((name, value) -> {
      if (name.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || name.startsWith("security.")
          || name.startsWith("sasl.") || name.startsWith("ssl.")) {
        props.put(name, value);
      }
    });
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    try (Admin admin = Admin.create(props)) {
      if (admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(config.topic())) {
        return;
      }
      NewTopic topic = new NewTopic(config.topic(), Optional.of(config.partitions()), Optional.empty())
          .configs(Map.of("max.message.bytes", MAX_MESSAGE_BYTES));
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
}
