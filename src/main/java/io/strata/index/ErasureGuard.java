package io.strata.index;

import org.apache.lucene.document.Document;

/**
 * Keeps erased events from coming back: an event that matches an erasure under way or completed
 * recently, and that was ingested before it completed, is dropped by the indexer instead of being
 * indexed (a copy still in Kafka, replayed after a crash or indexed late, must not resurrect it).
 */
public interface ErasureGuard {

  /** Nothing is being erased. */
  ErasureGuard NONE = tenant -> null;

  /** The erasures that apply to {@code tenant}'s events now, or null when there are none. */
  TenantErasures forTenant(String tenant);

  /** One tenant's erasures, compiled for the indexing path. */
  interface TenantErasures {

    /**
     * Whether the event of {@code document} (event time {@code timestampMillis}, ingested at
     * {@code ingestedAtMillis}) was erased. {@code scratch} is the calling thread's own.
     */
    boolean erased(Document document, long timestampMillis, long ingestedAtMillis,
        MatcherScratch scratch);
  }
}
