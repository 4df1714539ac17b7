package io.strata.index;

/** One Kafka record for the indexer: where it sits in the topic, its tenant and its event batch. */
public record IndexerRecord(String topic, int partition, long offset, String tenant, byte[] value) {

  /** The key under which offsets of this record's partition are tracked. */
  public String topicPartition() {
    return topic + "-" + partition;
  }
}
