package io.strata.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka topic that carries event batches from ingest to the indexers. */
@ConfigMapping(prefix = "strata.kafka")
public interface KafkaTopicConfig {

  /** The topic's name. */
  @WithDefault("strata-events")
  String topic();

  /**
   * Partitions of the topic when Strata creates it: the most indexer nodes that can share the work.
   * An existing topic is left as it is.
   */
  @WithDefault("4")
  int partitions();
}
