package io.strata.index;

import io.strata.pipeline.EventBatchReader;

/**
 * One Kafka record for the indexer: where it sits in the topic, its tenant and its event batch,
 * the {@code valueLength} bytes of {@code value} from {@code valueOffset} (null when the record has
 * no value).
 */
public record IndexerRecord(String topic, int partition, long offset, String tenant, byte[] value,
    int valueOffset, int valueLength) {

  /** A record whose event batch is the whole of {@code value}. */
  public IndexerRecord(String topic, int partition, long offset, String tenant, byte[] value) {
    this(topic, partition, offset, tenant, value, 0, value == null ? 0 : value.length);
  }

  /** The key under which offsets of this record's partition are tracked. */
  public String topicPartition() {
    return topic + "-" + partition;
  }

  /** Reads the record's event batch; throws {@link IllegalArgumentException} when it is not one. */
  EventBatchReader reader() {
    return new EventBatchReader(value, valueOffset, valueLength);
  }
}
