package io.strata.index.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class StrataCodecTest {

  @Test
  void isFoundByNameSoExistingSegmentsCanBeRead() {
    assertThat(Codec.forName(StrataCodec.NAME)).isInstanceOf(StrataCodec.class);
  }

  /** Lucene copies compressed chunks as they are only between segments of the same mode instance. */
  @Test
  void everyCodecOfALevelSharesOneCompressionMode() {
    assertThat(ZstdCompressionMode.of(StrataCodec.DEFAULT_LEVEL))
        .isSameAs(ZstdCompressionMode.of(StrataCodec.DEFAULT_LEVEL))
        .isNotSameAs(ZstdCompressionMode.of(3));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ZstdCompressionMode.of(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedEventsReadBackExactlyAcrossChunksAndCodecs() throws IOException {
    Random random = new Random(7);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String event = "{\"n\":" + i + ",\"service\":\"svc-" + random.nextInt(20) + "\",\"trace_id\":\""
          + Long.toHexString(random.nextLong()) + "\",\"message\":\"" + "x".repeat(random.nextInt(400)) + "\"}";
      events.add(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    events.add(new byte[0]);
    events.add(new byte[300_000]); // larger than a chunk

    try (Directory directory = new ByteBuffersDirectory()) {
      // The first half in a segment of Lucene's own codec, the rest with zstd: both must read.
      write(directory, new Lucene103Codec(), events.subList(0, 2_000));
      write(directory, new StrataCodec(), events.subList(2_000, events.size()));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.numDocs()).isEqualTo(events.size());
        List<byte[]> read = new ArrayList<>();
        for (var leaf : reader.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
            BytesRef value = stored.document(doc).getBinaryValue("source");
            read.add(BytesRef.deepCopyOf(value).bytes);
          }
        }
        assertThat(read).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
          assertThat(read.get(i)).as("event %d", i).isEqualTo(events.get(i));
        }
      }
    }
  }

  /**
   * A reader keeps the chunk it decompressed last: events read in any order, the same one again,
   * neighbours in a chunk, a chunk left and come back to, and after a merge (which reads whole
   * chunks, large events in slices), are each exactly what was written.
   */
  @Test
  void eventsReadInAnyOrderAndAfterAMergeAreExact() throws IOException {
    Random random = new Random(11);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      byte[] event = ("{\"n\":" + i + ",\"m\":\"" + "y".repeat(random.nextInt(600)) + "\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      events.add(i % 997 == 0 ? new byte[200_000 + i] : event); // a few larger than a chunk
    }
    try (Directory directory = new ByteBuffersDirectory()) {
      write(directory, new StrataCodec(), events.subList(0, 1_500));
      write(directory, new StrataCodec(), events.subList(1_500, 3_000));
      readInRandomOrder(directory, events, random);
      // A log merge policy keeps the segments' order, so doc ids stay the events' positions.
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig()
          .setCodec(new StrataCodec()).setMergePolicy(new org.apache.lucene.index.LogDocMergePolicy()))) {
        writer.forceMerge(1);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(1);
      }
      readInRandomOrder(directory, events, random);
    }
  }

  private static void readInRandomOrder(Directory directory, List<byte[]> events, Random random)
      throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      StoredFields stored = reader.storedFields();
      int doc = 0;
      for (int i = 0; i < 20_000; i++) {
        // Mostly a neighbour or the same event (same chunk), sometimes a jump elsewhere.
        int step = random.nextInt(10);
        doc = step < 7 ? Math.min(events.size() - 1, doc + step) : random.nextInt(events.size());
        BytesRef value = stored.document(doc).getBinaryValue("source");
        assertThat(BytesRef.deepCopyOf(value).bytes).as("event %d", doc).isEqualTo(events.get(doc));
      }
    }
  }

  /** Readers on many threads share the pooled zstd contexts: each still reads its own events. */
  @Test
  void concurrentReadersEachReadTheirEventsExactly() throws Exception {
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      events.add(("{\"n\":" + i + ",\"message\":\"event number " + i + " of many\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try (Directory directory = new ByteBuffersDirectory()) {
      write(directory, new StrataCodec(), events);
      try (DirectoryReader reader = DirectoryReader.open(directory);
          var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
        List<java.util.concurrent.Future<Integer>> checked = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int seed = t;
          checked.add(pool.submit(() -> {
            Random random = new Random(seed);
            StoredFields stored = reader.leaves().get(0).reader().storedFields();
            int base = reader.leaves().get(0).docBase;
            int matched = 0;
            for (int i = 0; i < 3_000; i++) {
              int doc = random.nextInt(reader.leaves().get(0).reader().maxDoc());
              BytesRef value = stored.document(doc).getBinaryValue("source");
              if (java.util.Arrays.equals(BytesRef.deepCopyOf(value).bytes, events.get(base + doc))) {
                matched++;
              }
            }
            return matched;
          }));
        }
        for (var future : checked) {
          assertThat(future.get()).isEqualTo(3_000);
        }
      }
    }
  }

  private static void write(Directory directory, Codec codec, List<byte[]> events) throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(codec))) {
      for (byte[] event : events) {
        Document document = new Document();
        document.add(new StoredField("source", new BytesRef(event)));
        writer.addDocument(document);
      }
    }
  }
}
