package io.strata.index;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.pipeline.EventNormalizer;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An in-memory index of events laid out exactly as the indexer lays them out (normaliser, document
 * builder, newest-first index sort), for tests of queries against real documents. Test code only.
 */
public final class TestEventIndex implements Closeable {

  /** One page of matches: the events as sent, newest first, and the sort values of the last. */
  public record Page(List<String> events, long lastTimestampMillis, long lastSeq) {}

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final EventNormalizer normalizer = new EventNormalizer();
  private final EventDocumentBuilder builder = new EventDocumentBuilder(256);
  private long offset;

  public TestEventIndex(Analyzer messageAnalyzer) throws IOException {
    writer = new IndexWriter(directory,
        new IndexWriterConfig(messageAnalyzer).setIndexSort(IndexSchema.NEWEST_FIRST));
  }

  /** Indexes a JSON event as if it were the only event of the next Kafka record. */
  public void addJson(String json, long ingestedAtMillis) throws IOException {
    add(EventNormalizer.KIND_JSON, json, ingestedAtMillis);
  }

  /** Indexes a plain-text event as if it were the only event of the next Kafka record. */
  public void addText(String line, long ingestedAtMillis) throws IOException {
    add(EventNormalizer.KIND_TEXT, line, ingestedAtMillis);
  }

  private void add(byte kind, String event, long ingestedAtMillis) throws IOException {
    byte[] bytes = event.getBytes(UTF_8);
    builder.begin(IndexSchema.seq(0, offset++, 0), kind, bytes, 0, bytes.length);
    normalizer.normalize(kind, bytes, 0, bytes.length, ingestedAtMillis, builder);
    writer.addDocument(builder.document());
  }

  /** Every event matching {@code query}, as sent, newest first. */
  public List<String> search(Query query) throws IOException {
    return page(query, 10_000, null).events();
  }

  /**
   * Up to {@code limit} events matching {@code query} newest first, strictly after the position
   * {@code after} ({@code {timestampMillis, seq}}, or null for the first page), as search pages.
   */
  public Page page(Query query, int limit, long[] after) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      FieldDoc afterDoc = after == null ? null
          : new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {after[0], after[1]});
      // The same collector, sort and "after" position as the search service.
      TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(
          IndexSchema.NEWEST_FIRST, limit, afterDoc, Integer.MAX_VALUE));
      StoredFields stored = searcher.storedFields();
      List<String> events = new ArrayList<>();
      long lastTimestamp = Long.MIN_VALUE;
      long lastSeq = Long.MIN_VALUE;
      for (ScoreDoc hit : top.scoreDocs) {
        BytesRef source = stored.document(hit.doc).getBinaryValue(IndexSchema.SOURCE);
        events.add(new String(source.bytes, source.offset + 1, source.length - 1, UTF_8));
        FieldDoc doc = (FieldDoc) hit;
        lastTimestamp = (Long) doc.fields[0];
        lastSeq = (Long) doc.fields[1];
      }
      return new Page(events, lastTimestamp, lastSeq);
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
    directory.close();
  }
}
