package io.strata.ingest;

import java.time.Duration;

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
   * An existing topic is left as it is; add partitions to it with Kafka's tools.
   */
  @WithDefault("4")
  int partitions();

  /**
   * How often ingest reads the topic's partition count again ({@code
   * STRATA_KAFKA_PARTITION_REFRESH}): partitions an operator adds to the topic are used from then
   * on, without a restart.
   */
  @WithDefault("30s")
  Duration partitionRefresh();

  /**
   * How long events stay in the topic ({@code STRATA_KAFKA_RETENTION}; the topic's {@code
   * retention.ms}, set on it at every start). It bounds how long a copy of an erased event may
   * remain in Kafka, and how long the indexers may be down before unindexed events are lost:
   * raise it when an outage may last longer.
   */
  @WithDefault("24h")
  Duration retention();

  /**
   * How long the topic's log segments stay open ({@code segment.ms}): Kafka deletes whole closed
   * segments, so a copy may outlive {@link #retention()} by up to this much.
   */
  default Duration segmentRoll() {
    return retention().dividedBy(4).compareTo(Duration.ofHours(1)) < 0 ? retention().dividedBy(4)
        : Duration.ofHours(1);
  }

  /** The longest an event stays in the topic after it is written. */
  default Duration longestKept() {
    return retention().plus(segmentRoll());
  }
}
