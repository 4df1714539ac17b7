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
