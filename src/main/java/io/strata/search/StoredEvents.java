package io.strata.search;

import io.strata.index.IndexSchema;
import io.strata.index.ParsedFields;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Turns hits back into events as the API shows them, by normalising the stored original again, with
 * what a parsing rule extracted when it was indexed laid over it, and their {@link EventId}.
 *
 * <p>Caution: not thread-safe; one per request. {@link #readAll} may hand half of its hits to a
 * helper thread, which reads them through a reader of its own.
 */
public final class StoredEvents {

  private static final Set<String> STORED = Set.of(IndexSchema.SOURCE, IndexSchema.INGESTED, IndexSchema.PARSED);

  /**
   * Fewer hits than that are read by one thread: a hit costs some 34 µs when its chunk has to be
   * decompressed, about what handing work to another thread and waiting for it costs.
   */
  static final int MIN_SHARED = 16;

  private final IndexSearcher searcher;
  private final Executor helpers;
  private final StoredFields stored;
  // Every stamp as found: the index decided which events were too far ahead, and EventView shows
  // that decision, so that a changed tolerance never contradicts where an event was indexed.
  private final EventNormalizer normalizer = new EventNormalizer(EventNormalizer.NO_FUTURE_LIMIT);

  /** Reads the events of {@code searcher}'s index. */
  public StoredEvents(IndexSearcher searcher) throws IOException {
    this(searcher, null);
  }

  /**
   * Reads the events of {@code searcher}'s index; {@link #readAll} reads half of a page on one of
   * {@code helpers} when one is idle (null: never).
   */
  public StoredEvents(IndexSearcher searcher, Executor helpers) throws IOException {
    this.searcher = searcher;
    this.helpers = helpers;
    this.stored = searcher.storedFields();
  }

  /**
   * The events of {@code hits} (sorted by {@link IndexSchema#NEWEST_FIRST} or its reverse), in
   * their order. Each hit whose chunk was not read yet costs the decompression of that chunk, so a
   * page of hits scattered over a day is read on two threads when a helper is idle: the older half
   * there, the newer here. It returns once both are done, so the searcher may be released then.
   */
  public List<Map<String, Object>> readAll(ScoreDoc[] hits) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object>[] events = new Map[hits.length];
    int split = hits.length;
    CompletableFuture<Void> older = null;
    if (helpers != null && hits.length >= MIN_SHARED) {
      split = hits.length / 2;
      StoredEvents other = new StoredEvents(searcher, null);
      int from = split;
      try {
        older = CompletableFuture.runAsync(() -> other.readInto(hits, from, hits.length, events),
            helpers);
      } catch (RejectedExecutionException busy) {
        split = hits.length;
      }
    }
    boolean read = false;
    try {
      readInto(hits, 0, split, events);
      read = true;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (older != null) {
        // This thread's failure, if any, is the one reported.
        awaitUninterruptibly(older, read);
      }
    }
    return Arrays.asList(events);
  }

  private void readInto(ScoreDoc[] hits, int from, int to, Map<String, Object>[] events) {
    try {
      for (int i = from; i < to; i++) {
        events[i] = read((FieldDoc) hits[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the helper even when interrupted or when this thread failed: it reads the searcher
   * that the caller releases once this returns.
   */
  private static void awaitUninterruptibly(CompletableFuture<Void> older, boolean report)
      throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          older.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (!report) {
            return;
          }
          if (e.getCause() instanceof UncheckedIOException io) {
            throw io.getCause();
          }
          throw new IllegalStateException("reading a page's events failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The event of a hit sorted by {@link IndexSchema#NEWEST_FIRST} or its reverse. */
  public Map<String, Object> read(FieldDoc hit) throws IOException {
    return read(hit.doc, (Long) hit.fields[0], (Long) hit.fields[1]);
  }

  /** The event of document {@code doc}, which has this time and sequence number. */
  public Map<String, Object> read(int doc, long timestampMillis, long seq) throws IOException {
    Document document = stored.document(doc, STORED);
    BytesRef source = document.getBinaryValue(IndexSchema.SOURCE);
    long ingestedAt = document.getField(IndexSchema.INGESTED).numericValue().longValue();
    EventView view = new EventView(timestampMillis);
    normalizer.normalize(source.bytes[source.offset], source.bytes, source.offset + 1,
        source.length - 1, ingestedAt, view);
    Map<String, Object> fields = view.fields();
    BytesRef parsed = document.getBinaryValue(IndexSchema.PARSED);
    if (parsed != null) {
      ParsedFields.decode(parsed, new ParsedOverlay(fields));
    }
    fields.put(EventFields.ID, new EventId(timestampMillis, seq).text());
    return fields;
  }
}
