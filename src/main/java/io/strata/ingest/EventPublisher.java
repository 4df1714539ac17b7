package io.strata.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends batches of a tenant's events to Kafka, one record per batch, keyed by tenant (the indexer
 * reads the tenant from the key), each to one of the tenant's partitions ({@link ShuffleShard}),
 * taken in turn. Order across a tenant's partitions does not matter: search orders by event time.
 */
@ApplicationScoped
public class EventPublisher {

  /** The channel the indexer consumes; see {@code mp.messaging.outgoing.events-out}. */
  public static final String CHANNEL = "events-out";

  /** Placement: the records take the tenant's partitions in turn. */
  public static final int IN_TURN = Integer.MIN_VALUE;

  private final MutinyEmitter<byte[]> emitter;
  private final EventTopic topic;
  private final AtomicInteger turn = new AtomicInteger();

  EventPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
      MutinyEmitter<byte[]> emitter, EventTopic topic) {
    this.emitter = emitter;
    this.topic = topic;
  }

  /**
   * Sends the records over {@code partitions} of the tenant's partitions, record {@code i} to the
   * one at {@code placement + i} (modulo their number), or in turn for {@link #IN_TURN}; completes
   * once Kafka has acknowledged every record (acks=all), or fails.
   */
  public Uni<Void> publish(String tenant, int partitions, List<byte[]> records, int placement) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int[] shard = ShuffleShard.partitions(tenant, partitions, topic.partitionCount());
    int first = placement == IN_TURN ? turn.getAndAdd(records.size()) : placement;
    List<Uni<Void>> sends = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      byte[] record = records.get(i);
      int partition = shard[Math.floorMod(first + i, shard.length)];
      sends.add(emitter.sendMessage(
          KafkaRecord.of(topic.name(), tenant, record, null, partition)));
    }
    return Uni.join().all(sends).andFailFast().replaceWithVoid();
  }
}
