package io.strata.tail;

import io.strata.index.IndexListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.strata.index.IndexSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.IndexableField;

/**
 * The open tails of one tenant, and the tenant's events indexed since the last pass, bounded: an
 * event that does not fit is skipped and counted, never waited for.
 */
final class TenantTail implements IndexListener.Receiver {

  /** An indexed event waiting to be matched: its position, its event time and its document. */
  record IndexedEvent(long seq, long timestampMillis, Document document) {}

  final String tenant;
  final List<TailSession> sessions = new CopyOnWriteArrayList<>();
  private final int capacity;
  private final ConcurrentLinkedQueue<IndexedEvent> backlog = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong skipped = new AtomicLong();

  TenantTail(String tenant, int capacity) {
    this.tenant = tenant;
    this.capacity = capacity;
  }

  /** Runs on the indexing threads: a bounded, lock-free hand-over, and a copy of the field list. */
  @Override
  public void indexed(long seq, long timestampMillis, Document document) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      skipped.incrementAndGet();
      return;
    }
    Document copy = new Document();
    for (IndexableField field : document) {
      copy.add(kept(field));
    }
    backlog.add(new IndexedEvent(seq, timestampMillis, copy));
  }

  /**
   * A field that outlives the indexer's next event: the stored event and the keyword fields hold
   * bytes of the indexer's buffers, which the next event overwrites.
   */
  private static IndexableField kept(IndexableField field) {
    if (field.name().equals(IndexSchema.SOURCE)) {
      return new StoredField(IndexSchema.SOURCE, BytesRef.deepCopyOf(field.binaryValue()));
    }
    if (field instanceof StringField) {
      return new StringField(field.name(), BytesRef.deepCopyOf(field.binaryValue()),
          field.fieldType().stored() ? Field.Store.YES : Field.Store.NO);
    }
    if (field instanceof SortedSetDocValuesField) {
      return new SortedSetDocValuesField(field.name(), BytesRef.deepCopyOf(field.binaryValue()));
    }
    return field;
  }

  /** Takes the events waiting, in the order they were indexed. */
  List<IndexedEvent> drain() {
    List<IndexedEvent> events = new ArrayList<>(Math.min(size.get(), capacity));
    IndexedEvent event;
    while ((event = backlog.poll()) != null) {
      events.add(event);
      size.decrementAndGet();
    }
    return events;
  }

  /** How many events were skipped since the last call. */
  long takeSkipped() {
    return skipped.getAndSet(0);
  }
}
