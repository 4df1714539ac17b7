package io.strata.index;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Whether this node's indexer has caught up with what Kafka held when it started: after a crash
 * the indexer replays the records of the last minutes, and until it has, a count over those minutes
 * is short. The first time it is asked after the consumer has its partitions, it notes their end
 * offsets (the backlog); it is caught up once every partition is indexed to there — or was already
 * committed to there, with nothing to replay. Once caught up it stays so.
 */
@ApplicationScoped
public class IndexCatchUp {

  private static final Logger LOG = Logger.getLogger(IndexCatchUp.class);
  private static final String CHANNEL = "events-in";

  private final KafkaClientService kafka;
  private final Indexer indexer;
  private Map<Integer, Long> backlogEnd;
  private volatile boolean caughtUp;

  IndexCatchUp(KafkaClientService kafka, Indexer indexer, NodeRoles roles) {
    this.kafka = kafka;
    this.indexer = indexer;
    // A node that indexes nothing has nothing to catch up with.
    this.caughtUp = !roles.has(Role.INDEX);
  }

  /** Whether the backlog found at start is indexed (blocking: asks the consumer's thread). */
  public synchronized boolean caughtUp() {
    if (caughtUp) {
      return true;
    }
    try {
      if (backlogEnd == null) {
        backlogEnd = backlog();
        if (backlogEnd == null) {
          return false; // no consumer or no partitions yet
        }
      }
      for (Map.Entry<Integer, Long> end : backlogEnd.entrySet()) {
        if (indexer.indexedNext(end.getKey()) < end.getValue()) {
          return false;
        }
      }
      caughtUp = true;
      LOG.debugf("The indexer caught up with the backlog %s", backlogEnd);
      return true;
    } catch (RuntimeException e) {
      LOG.debugf("Indexing progress unknown yet: %s", e.getMessage());
      return false;
    }
  }

  /** Per assigned partition, the end offset if records up to it remain to be indexed. */
  private Map<Integer, Long> backlog() {
    KafkaConsumer<Object, Object> consumer;
    try {
      consumer = kafka.getConsumer(CHANNEL);
    } catch (RuntimeException e) {
      return null;
    }
    if (consumer == null) {
      return null;
    }
    return consumer.runOnPollingThread(client -> {
      Set<TopicPartition> assigned = client.assignment();
      if (assigned.isEmpty()) {
        return (Map<Integer, Long>) null;
      }
      Map<TopicPartition, Long> ends = client.endOffsets(assigned);
      Map<TopicPartition, OffsetAndMetadata> committed = client.committed(assigned);
      Map<Integer, Long> backlog = new HashMap<>();
      for (TopicPartition partition : assigned) {
        long end = ends.getOrDefault(partition, 0L);
        OffsetAndMetadata done = committed.get(partition);
        if (done == null ? end > 0 : done.offset() < end) {
          backlog.put(partition.partition(), end);
        }
      }
      return backlog;
    }).await().atMost(Duration.ofSeconds(15));
  }
}
