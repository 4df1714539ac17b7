package io.strata.search;

import io.strata.index.IndexSchema;
import io.strata.index.ParsedFields;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * Turns hits back into events as the API shows them, by normalising the stored original again, with
 * what a parsing rule extracted when it was indexed laid over it, and their {@link EventId}.
 *
 * <p>Caution: not thread-safe; one per request.
 */
public final class StoredEvents {

  private static final Set<String> STORED = Set.of(IndexSchema.SOURCE, IndexSchema.INGESTED, IndexSchema.PARSED);

  private final StoredFields stored;
  // Every stamp as found: the index decided which events were too far ahead, and EventView shows
  // that decision, so that a changed tolerance never contradicts where an event was indexed.
  private final EventNormalizer normalizer = new EventNormalizer(EventNormalizer.NO_FUTURE_LIMIT);

  /** Reads the events of {@code searcher}'s index. */
  public StoredEvents(IndexSearcher searcher) throws IOException {
    this.stored = searcher.storedFields();
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
