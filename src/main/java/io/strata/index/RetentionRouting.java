package io.strata.index;

import org.apache.lucene.document.Document;

/**
 * Where the indexer puts an event under its tenant's retention policy: which retention class it
 * belongs to (so that it goes to that class's index of its day), and how many days that class is
 * kept (an event already past it on arrival is not stored).
 */
public interface RetentionRouting {

  /** Every event in the default class, kept for ever: for tools and tests without policies. */
  RetentionRouting KEEP_ALL = tenant -> ClassRouting.KEEP_ALL;

  /**
   * The routing of {@code tenant}'s events under its policy as it stands; may block until the
   * policies are known (never guesses: a guess could drop events a policy keeps).
   */
  ClassRouting forTenant(String tenant);

  /** One tenant's policy, compiled for the indexing path. */
  interface ClassRouting {

    /** Every event in the default class, kept for ever. */
    ClassRouting KEEP_ALL = new ClassRouting() {
      @Override
      public String classOf(Document document, MatcherScratch scratch) {
        return IndexId.DEFAULT_CLASS;
      }

      @Override
      public int daysOf(String retentionClass) {
        return Integer.MAX_VALUE;
      }
    };

    /**
     * The retention class of {@code document}: the highest-priority stream whose selector matches
     * it, else {@link IndexId#DEFAULT_CLASS}. {@code scratch} is the calling thread's own.
     */
    String classOf(Document document, MatcherScratch scratch);

    /** Days the events of {@code retentionClass} are kept. */
    int daysOf(String retentionClass);
  }
}
