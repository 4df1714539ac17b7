package io.strata.index;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Moves partitions between indexer nodes without losing or doubling an event. When Kafka takes a
 * partition from this node (another node joined or left), everything indexed here is committed to
 * Lucene and its offset to Kafka, synchronously, before the new owner starts reading; records of
 * the partition still in flight here are dropped, since the new owner reads them again. Without
 * this, the new owner would read from the last throttled commit and index again what this node
 * had indexed since.
 *
 * <p>A partition lost without a hand-over (this node was killed, or its session expired) leaves
 * what this node indexed since the last offset commit to be indexed again by the next owner; each
 * owner's start is recorded ({@link PartitionOwners}) so that this node drops its copies of those
 * events when it sees the later owner.
 */
@ApplicationScoped
@Identifier(PartitionHandoff.NAME)
public class PartitionHandoff implements KafkaConsumerRebalanceListener {

  /** The name {@code mp.messaging.incoming.events-in.consumer-rebalance-listener.name} gives. */
  public static final String NAME = "strata-partition-handoff";

  private static final Logger LOG = Logger.getLogger(PartitionHandoff.class);

  private final Indexer indexer;
  private final PartitionOwners owners;
  private final ReplayStarts replays;

  PartitionHandoff(Indexer indexer, PartitionOwners owners, ReplayStarts replays) {
    this.indexer = indexer;
    this.owners = owners;
    this.replays = replays;
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<String, TopicPartition> byKey = new HashMap<>();
    for (TopicPartition partition : partitions) {
      byKey.put(key(partition), partition);
    }
    Map<String, Long> positions = indexer.handOver(byKey.keySet());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    positions.forEach((key, next) -> offsets.put(byKey.get(key), new OffsetAndMetadata(next)));
    if (!offsets.isEmpty()) {
      // On the consumer's own thread, within the rebalance: the new owner reads from here.
      consumer.commitSync(offsets);
    }
    LOG.infof("Handed over partitions %s at offsets %s", byKey.keySet(), positions);
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<String, Long> starts = new HashMap<>();
    for (TopicPartition partition : partitions) {
      long position = consumer.position(partition);
      Long replay = replays.take(key(partition));
      if (replay != null && replay < position) {
        // Restored from the bucket: what was indexed past the copy died with the disk. The claim
        // below records the earlier start, so a node that indexed these records meanwhile drops
        // its copies of them.
        consumer.seek(partition, replay);
        LOG.infof("Reading %s again from offset %d (Kafka had it consumed to %d): indexed since"
            + " the restored copy, lost with the disk", key(partition), replay, position);
        position = replay;
      }
      starts.put(key(partition), position);
    }
    try {
      owners.claim(starts);
    } catch (RuntimeException e) {
      // Indexing goes on; only a crash of this node before its next hand-over could then leave
      // events indexed on two nodes.
      LOG.warnf("Could not record taking partitions %s: %s", starts, e.getMessage());
    }
    indexer.takeOver(starts.keySet());
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    List<String> keys = partitions.stream().map(PartitionHandoff::key).toList();
    LOG.warnf("Lost partitions %s without a hand-over (the session expired)", keys);
  }

  private static String key(TopicPartition partition) {
    return partition.topic() + "-" + partition.partition();
  }
}
