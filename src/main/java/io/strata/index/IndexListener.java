package io.strata.index;

import org.apache.lucene.document.Document;

/**
 * Follows the events the indexer adds to the tenants' indexes, as they are added: the hook of the
 * live tail.
 */
public interface IndexListener {

  /** A listener that wants no tenant's events. */
  IndexListener NONE = tenant -> null;

  /**
   * Where the events of {@code tenant} go as they are indexed, or {@code null} when nobody wants
   * them.
   *
   * <p>Note: asked once per Kafka record (a record holds events of one tenant), on the indexing
   * threads; it must be cheap, since it is asked for every record whether anyone listens or not.
   */
  Receiver receiverFor(String tenant);

  /** Takes the events of one tenant. */
  interface Receiver {

    /**
     * One event, just added to its index: its sequence number ({@link IndexSchema#seq}), its event
     * time, and its document. Events replayed after a crash (already in the index) and events the
     * index rejected are not passed on.
     *
     * <p>Caution: called on the indexing threads, concurrently, and in the middle of indexing: it
     * must neither block nor throw. The document belongs to the indexer and is emptied for the next
     * event once this returns. The stored event ({@link IndexSchema#SOURCE}) and the keyword
     * fields ({@code StringField}, {@code SortedSetDocValuesField}) are the indexer's, refilled
     * for the next event: their bytes must be copied to be kept. The other fields are not reused.
     */
    void indexed(long seq, long timestampMillis, Document document);
  }
}
