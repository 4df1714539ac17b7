package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgement the indexer keeps until its next commit: what it acknowledges, and that it
 * does not keep the batch's events alive. The batch is the connector's own class; the commit
 * handler records what it is handed, as the throttled strategy would be.
 */
class IndexerConsumerTest {

  /** Records the partition and offset of every record it is asked to commit. */
  static final class RecordingCommits implements KafkaCommitHandler {
    final List<String> handled = new ArrayList<>();

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
      handled.add(record.getPartition() + "@" + record.getOffset());
      return Uni.createFrom().voidItem();
    }
  }

  @Test
  void theAcknowledgementAcknowledgesEachPartitionsLastRecordOnlyWhenRun() {
    RecordingCommits commits = new RecordingCommits();
    Runnable ack = IndexerConsumer.acknowledgement(batch(commits, new ArrayList<>()));

    assertThat(commits.handled).isEmpty();
    ack.run();
    assertThat(commits.handled).containsExactlyInAnyOrder("0@2", "1@6");
  }

  @Test
  void theAcknowledgementDoesNotKeepTheBatchsEventsAlive() throws InterruptedException {
    RecordingCommits commits = new RecordingCommits();
    List<WeakReference<byte[]>> values = new ArrayList<>();
    Runnable ack = IndexerConsumer.acknowledgement(batch(commits, values));

    // Only each partition's last record is needed to acknowledge; the others' bytes must go.
    WeakReference<byte[]> notLast = values.get(0);
    for (int i = 0; i < 50 && notLast.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(notLast.get()).as("a record's bytes kept by the acknowledgement").isNull();
    ack.run();
    assertThat(commits.handled).containsExactlyInAnyOrder("0@2", "1@6");
  }

  /** Partition 0 with offsets 0-2 and partition 1 with 5-6, each value 1 MB. */
  private static IncomingKafkaRecordBatch<String, byte[]> batch(KafkaCommitHandler commits,
      List<WeakReference<byte[]>> values) {
    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
    for (long[] partitionAndOffset : new long[][] {{0, 0}, {0, 1}, {0, 2}, {1, 5}, {1, 6}}) {
      int partition = (int) partitionAndOffset[0];
      byte[] value = new byte[1 << 20];
      values.add(new WeakReference<>(value));
      byPartition.computeIfAbsent(new TopicPartition("events", partition), p -> new ArrayList<>())
          .add(new ConsumerRecord<>("events", partition, partitionAndOffset[1], "acme", value));
    }
    return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition, Map.of()), "events-in",
        0, commits, new KafkaFailureHandler() {
          @Override
          public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable failure,
              Metadata metadata) {
            throw new AssertionError("nothing is refused here");
          }
        }, false, false);
  }
}
