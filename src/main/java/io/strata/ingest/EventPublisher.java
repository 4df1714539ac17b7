package io.strata.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends batches of a tenant's events to Kafka, one record per batch, keyed by tenant so that one
 * tenant's events keep their order within a partition.
 */
@ApplicationScoped
public class EventPublisher {

  /** The channel the indexer consumes; see {@code mp.messaging.outgoing.events-out}. */
  public static final String CHANNEL = "events-out";

  private final MutinyEmitter<byte[]> emitter;

  EventPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
      MutinyEmitter<byte[]> emitter) {
    this.emitter = emitter;
  }

  /** Completes once Kafka has acknowledged every record (acks=all), or fails. */
  public Uni<Void> publish(String tenant, List<byte[]> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> sends = new ArrayList<>(records.size());
    for (byte[] record : records) {
      sends.add(emitter.sendMessage(KafkaRecord.of(tenant, record)));
    }
    return Uni.join().all(sends).andFailFast().replaceWithVoid();
  }
}
