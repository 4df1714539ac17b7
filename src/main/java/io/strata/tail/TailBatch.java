package io.strata.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.strata.pipeline.EventFields;
import io.strata.search.MatchingDocs;
import io.strata.search.StoredEvents;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BitSetIterator;

/**
 * The events of one tenant taken in one pass, indexed in memory so that each of the tenant's tails
 * can ask which of them its query matches, and have them rendered as search renders them.
 *
 * <p>The index is made of the very documents the indexer wrote, with the same analyzer, and a query
 * runs over it as over a day index: a tail matches exactly what a search would (without the time
 * range), whatever the query uses — full text, numbers as points, wildcards on ids. A pass inverts
 * its events once, however many tails follow the tenant, and renders an event only when a tail has
 * room for it, once for all of them.
 *
 * <p>Caution: not thread-safe.
 */
final class TailBatch implements Closeable {

  /** The event's place in the batch: the order the tails show events in. */
  private static final String ORDINAL = "_tail_ordinal";

  private final List<TenantTail.IndexedEvent> events;
  private final ObjectWriter json;
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final StoredEvents stored;
  private final int[] docOf;
  private final int[] ordinalOf;
  private final TailMessage.Match[] rendered;

  /**
   * Indexes {@code events}, whose order is the order matches are given in.
   *
   * <p>Caution: adds a field to the documents of {@code events}.
   */
  TailBatch(List<TenantTail.IndexedEvent> events, Analyzer analyzer, ObjectWriter json)
      throws IOException {
    this.events = events;
    this.json = json;
    // A throwaway index: merging or committing it would be wasted work.
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setMergePolicy(NoMergePolicy.INSTANCE)
        .setCommitOnClose(false);
    writer = new IndexWriter(directory, config);
    try {
      for (int i = 0; i < events.size(); i++) {
        Document document = events.get(i).document();
        document.add(new NumericDocValuesField(ORDINAL, i));
        writer.addDocument(document);
      }
      reader = DirectoryReader.open(writer);
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    docOf = new int[events.size()];
    ordinalOf = new int[reader.maxDoc()];
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues values = leaf.reader().getNumericDocValues(ORDINAL);
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        docOf[(int) values.longValue()] = leaf.docBase + doc;
        ordinalOf[leaf.docBase + doc] = (int) values.longValue();
      }
    }
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    stored = new StoredEvents(searcher);
    rendered = new TailMessage.Match[events.size()];
  }

  /** The number of events in the batch. */
  int size() {
    return events.size();
  }

  /**
   * The places in the batch of the events {@code query} matches, ascending; null when the query
   * cannot run over this batch (it expands to too many terms).
   */
  int[] matching(Query query) throws IOException {
    int[] ordinals = new int[16];
    int n = 0;
    try {
      for (MatchingDocs.Leaf leaf : MatchingDocs.collect(searcher, query)) {
        int base = leaf.context().docBase;
        BitSetIterator docs = new BitSetIterator(leaf.bits(), leaf.count());
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = docs.nextDoc()) {
          if (n == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, n * 2);
          }
          ordinals[n++] = ordinalOf[base + doc];
        }
      }
    } catch (IndexSearcher.TooManyClauses e) {
      return null;
    }
    int[] found = Arrays.copyOf(ordinals, n);
    Arrays.sort(found);
    return found;
  }

  /** The event at {@code ordinal} as search shows it, with its {@code _id}, as one line of JSON. */
  TailMessage.Match render(int ordinal) throws IOException {
    TailMessage.Match match = rendered[ordinal];
    if (match == null) {
      TenantTail.IndexedEvent event = events.get(ordinal);
      Map<String, Object> fields =
          stored.read(docOf[ordinal], event.timestampMillis(), event.seq());
      try {
        match = new TailMessage.Match((String) fields.get(EventFields.ID),
            json.writeValueAsString(fields));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      rendered[ordinal] = match;
    }
    return match;
  }

  @Override
  public void close() throws IOException {
    try (directory; writer) {
      reader.close();
    }
  }
}
