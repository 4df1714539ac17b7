package io.strata.index;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds batches of event records from Kafka to the {@link Indexer}.
 *
 * <p>A batch is acknowledged only once a Lucene commit holds it, so the connector's throttled commit
 * strategy never moves a Kafka offset past an event that a crash could still lose.
 */
@ApplicationScoped
public class IndexerConsumer {

  /** The channel of event records; see {@code mp.messaging.incoming.events-in}. */
  public static final String CHANNEL = "events-in";

  private final Indexer indexer;

  IndexerConsumer(Indexer indexer) {
    this.indexer = indexer;
  }

  @Incoming(CHANNEL)
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
    @SuppressWarnings("unchecked")
    ConsumerRecords<String, byte[]> polled =
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow().getRecords();
    List<IndexerRecord> records = new ArrayList<>(polled.count());
    for (ConsumerRecord<String, byte[]> record : polled) {
      records.add(new IndexerRecord(record.topic(), record.partition(), record.offset(),
          record.key(), record.value()));
    }
    try {
      indexer.index(records, batch::ack);
    } catch (RuntimeException e) {
      return batch.nack(e);
    }
    return CompletableFuture.completedFuture(null);
  }
}
