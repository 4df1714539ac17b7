package io.strata.index;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
      indexer.index(records, acknowledgement(batch));
    } catch (RuntimeException e) {
      return batch.nack(e);
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * What acknowledges {@code batch} once a Lucene commit holds it: the acknowledgement of each
   * partition's last record, which is all the batch's own {@code ack} does.
   *
   * <p>The batch itself is not kept: it holds every polled record's bytes, and an acknowledgement
   * waits for the next commit (up to {@code strata.index.commit-interval} and the commit itself),
   * so holding the batches kept seconds of a backlog's events live on the heap (some 150 MB of a
   * 1M-event load) after they were indexed.
   */
  static Runnable acknowledgement(KafkaRecordBatch<?, ?> batch) {
    List<KafkaRecord<?, ?>> last = List.copyOf(batch.getLatestOffsetRecords().values());
    return () -> last.forEach(KafkaRecord::ack);
  }
}
