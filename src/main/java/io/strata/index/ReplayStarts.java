package io.strata.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where this node must read partitions from again, below Kafka's committed offsets, after its
 * indexes were restored from a copy older than its lost disk: the records between the copy's
 * offsets and what Kafka recorded as consumed are in no index any more. {@link PartitionHandoff}
 * rewinds each partition once, when the consumer is given it; the indexes' own offsets skip what
 * the copy already holds.
 */
@ApplicationScoped
public class ReplayStarts {

  private final Map<String, Long> starts = new ConcurrentHashMap<>();

  /** Asks for each topic partition of {@code offsets} to be read again from its offset. */
  public void rewind(Map<String, Long> offsets) {
    offsets.forEach((partition, offset) -> starts.merge(partition, offset, Math::min));
  }

  /** The offset to read {@code topicPartition} from again, once; null when there is none. */
  Long take(String topicPartition) {
    return starts.remove(topicPartition);
  }

  /** The rewinds not taken yet (partitions the consumer was not given so far). */
  public Map<String, Long> pending() {
    return Map.copyOf(starts);
  }
}
