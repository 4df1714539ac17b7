package io.strata.index;

import io.strata.pipeline.DocumentIds;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.EventSink;
import io.strata.pipeline.Level;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Lucene document of one normalised event.
 *
 * <p>What is indexed how, and why: the message is full text; well-known keywords with few values
 * (level, service, host, environment) also get doc values for facets; ids (trace, span, request, in
 * the compact form of {@link IdTerms}) and attributes are exact-match terms only, since doc values on per-event-unique ids cost more disk than
 * the event itself; numbers are points (only) under {@link IndexSchema#numeric}; nothing is stored but
 * the original event, from which a search rebuilds the normalised view.
 *
 * <p>Caution: not thread-safe; one per indexing thread. The document is reused: {@link #begin}
 * empties the one {@link #document} returned before.
 */
final class EventDocumentBuilder implements EventSink {

  /**
   * The message: full text with positions, without norms. Results are ordered by time and never
   * scored, so a length norm per event bought nothing but its byte and the work to compute it.
   */
  private static final FieldType MESSAGE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    MESSAGE.setOmitNorms(true);
    MESSAGE.freeze();
  }

  /** How many keyword field names {@link #keywords} keeps fields for. */
  static final int REUSED_NAMES = 256;

  private final int keywordMaxLength;
  // Reused: Lucene has copied what it needs once addDocument returns, and a fresh Document would
  // regrow its field list for every event.
  private final Document document = new Document();
  /**
   * The stored event (its kind, then its bytes), one buffer for every event: Lucene copies a stored
   * value into its own buffer as it adds the document. A live tail that keeps a document copies
   * these bytes ({@link IndexListener.Receiver}).
   */
  private byte[] source = new byte[4096];
  private final BytesRef sourceBytes = new BytesRef(source);
  private final StoredField sourceField = new StoredField(IndexSchema.SOURCE, sourceBytes);
  /**
   * Keyword fields kept for the next documents, by name: an event has a handful, and making each
   * anew (the field, the UTF-8 bytes of its value and their {@link BytesRef}) was a tenth of the
   * heap an event cost. At most {@link #REUSED_NAMES} names, so that a tenant sending ever new keys
   * cannot grow it without end; fields of the other names are made anew.
   */
  private final Map<String, Keywords> keywords = new HashMap<>();
  /** The entries of {@link #keywords} the current document uses. */
  private final List<Keywords> inUse = new ArrayList<>();
  private long timestampMillis;
  private String message;
  private Term docId;

  EventDocumentBuilder(int keywordMaxLength) {
    this.keywordMaxLength = keywordMaxLength;
  }

  /** Starts the document of an event at position {@code seq}, sent as {@code source}. */
  void begin(long seq, byte kind, byte[] buffer, int offset, int length) {
    document.clear();
    for (Keywords used : inUse) {
      used.count = 0;
    }
    inUse.clear();
    message = null;
    // Doc values only: the sequence breaks sort ties; a points tree of unique values would cost
    // indexing time and disk for lookups that the time range already narrows.
    document.add(new SortedNumericDocValuesField(IndexSchema.SEQ, seq));
    if (source.length < length + 1) {
      source = new byte[Math.max(length + 1, source.length * 2)];
      sourceBytes.bytes = source;
    }
    source[0] = kind;
    System.arraycopy(buffer, offset, source, 1, length);
    sourceBytes.length = length + 1;
    document.add(sourceField);
    if (EventNormalizer.hasId(kind)) {
      docId = new Term(IndexSchema.DOC_ID, DocumentIds.id(buffer, offset));
      document.add(new StringField(IndexSchema.DOC_ID, docId.text(), Field.Store.NO));
    } else {
      docId = null;
    }
  }

  /** The sender's document id of the event, as the term that finds it; null when it has none. */
  Term docId() {
    return docId;
  }

  /** The finished document. */
  Document document() {
    return document;
  }

  /** The event's message (its first, if it has several), or null when it has none. */
  String message() {
    return message;
  }

  /** Sets the event time anew, in place of the one the normaliser found. */
  void replaceTimestamp(long epochNanos) {
    document.removeFields(IndexSchema.TIMESTAMP);
    timestamp(epochNanos);
  }

  /** Removes every value of {@code field} (indexed, doc values and points). */
  void removeField(String field) {
    document.removeFields(field);
  }

  /** Stores what a parsing rule extracted with the event ({@link ParsedFields}). */
  void stored(BytesRef parsed) {
    document.add(new StoredField(IndexSchema.PARSED, parsed));
  }

  /** The event time of the document just built, epoch millis. */
  long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public void timestamp(long epochNanos) {
    timestampMillis = Math.floorDiv(epochNanos, 1_000_000L);
    TimeField.add(document, timestampMillis);
  }

  @Override
  public void ingestedAt(long epochMillis) {
    document.add(new StoredField(IndexSchema.INGESTED, epochMillis));
  }

  @Override
  public void level(Level level, String original) {
    if (level != null) {
      keyword(EventFields.LEVEL, level.name());
    }
    if (original != null) {
      keyword(EventFields.LEVEL_ORIGINAL, original);
    }
  }

  @Override
  public void message(String message) {
    if (this.message == null) {
      this.message = message;
    }
    document.add(new Field(EventFields.MESSAGE, message, MESSAGE));
  }

  /**
   * Gives the messages of {@code document} norms, for an index written before they were left out:
   * Lucene fixes whether a field has norms for the life of an index.
   */
  static void withMessageNorms(Document document) {
    IndexableField[] messages = document.getFields(EventFields.MESSAGE);
    if (messages.length == 0) {
      return;
    }
    document.removeFields(EventFields.MESSAGE);
    for (IndexableField message : messages) {
      document.add(new TextField(EventFields.MESSAGE, message.stringValue(), Field.Store.NO));
    }
  }

  @Override
  public void keyword(String field, String value) {
    String name = safeName(field);
    String term = value.length() > keywordMaxLength ? value.substring(0, keywordMaxLength) : value;
    Keywords reused = keywords.get(name);
    if (reused == null && keywords.size() < REUSED_NAMES) {
      reused = new Keywords(name);
      keywords.put(name, reused);
    }
    if (reused != null) {
      if (reused.count == 0) {
        inUse.add(reused);
      }
      reused.add(document, term);
      return;
    }
    if (IdTerms.FIELDS.contains(name)) {
      document.add(new StringField(name, IdTerms.encode(term), Field.Store.NO));
      return;
    }
    StringField indexed = new StringField(name, term, Field.Store.NO);
    document.add(indexed);
    if (EventFields.FACETED.contains(name)) {
      // The field has encoded the value to UTF-8 already; the doc values take the same bytes.
      document.add(new SortedSetDocValuesField(name, indexed.binaryValue()));
    }
  }

  /**
   * A number is indexed as a point only: a query for {@code field:502} asks both the points and the
   * terms (for events that sent "502" as a string), so a term would only repeat the point.
   */
  @Override
  public void number(String field, double value, String text) {
    String name = safeName(field);
    if (Double.isNaN(value)) {
      document.add(new StringField(name, text, Field.Store.NO));
    } else {
      document.add(new DoublePoint(IndexSchema.numeric(name), value));
    }
  }

  @Override
  public void bool(String field, boolean value) {
    document.add(new StringField(safeName(field), value ? "true" : "false", Field.Store.NO));
  }

  /**
   * The keyword fields of one name, reused from one document to the next: each value's field, its
   * doc values field where the name is faceted, and the buffer of their bytes. Lucene has copied the
   * bytes once the document is added; a live tail that keeps a document copies them ({@link
   * IndexListener.Receiver}).
   */
  private static final class Keywords {
    private final String name;
    private final boolean id;
    private final boolean faceted;
    private BytesRefBuilder[] bytes = new BytesRefBuilder[0];
    private StringField[] fields = new StringField[0];
    private SortedSetDocValuesField[] docValues = new SortedSetDocValuesField[0];
    /** How many of them the current document has. */
    private int count;

    Keywords(String name) {
      this.name = name;
      this.id = IdTerms.FIELDS.contains(name);
      this.faceted = EventFields.FACETED.contains(name);
    }

    void add(Document document, String term) {
      if (count == fields.length) {
        grow();
      }
      BytesRefBuilder value = bytes[count];
      if (id) {
        IdTerms.encode(term, value);
      } else {
        value.copyChars(term);
      }
      document.add(fields[count]);
      if (faceted) {
        document.add(docValues[count]);
      }
      count++;
    }

    private void grow() {
      int size = fields.length + 1;
      bytes = Arrays.copyOf(bytes, size);
      fields = Arrays.copyOf(fields, size);
      docValues = Arrays.copyOf(docValues, size);
      BytesRefBuilder value = new BytesRefBuilder();
      bytes[size - 1] = value;
      // The builder's BytesRef stays the same object as it grows: the fields see every value.
      fields[size - 1] = new StringField(name, value.get(), Field.Store.NO);
      if (faceted) {
        docValues[size - 1] = new SortedSetDocValuesField(name, value.get());
      }
    }
  }

  /** Keeps attribute names clear of the internal numeric suffix. */
  private static String safeName(String field) {
    return field.endsWith(IndexSchema.NUMERIC_SUFFIX) ? field.replace('#', '_') : field;
  }
}
