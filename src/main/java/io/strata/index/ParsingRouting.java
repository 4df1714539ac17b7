package io.strata.index;

import org.apache.lucene.document.Document;

/**
 * Which parsing rule, if any, the indexer runs on an event of a tenant, and what it extracts. A
 * rule never costs an event: when it does not match, fails or runs out of time, the event is
 * indexed as it was.
 */
public interface ParsingRouting {

  /** No tenant has rules: for tools and tests without them. */
  ParsingRouting NONE = tenant -> null;

  /**
   * The rules of {@code tenant}, or null when it has none; may block until the rules are known
   * (an event indexed before then would miss its rule for good).
   */
  TenantParsing forTenant(String tenant);

  /** What became of an event under its tenant's rules. */
  enum Outcome {
    /** No rule's selector matches the event. */
    UNSELECTED,
    /** A rule matched and its fields were extracted. */
    PARSED,
    /** The selected rule's pattern does not match the event's message. */
    NO_MATCH,
    /** The selected rule ran out of time on the event. */
    TIMED_OUT,
    /** The selected rule matched but what it captured cannot be used (an unreadable stamp). */
    FAILED
  }

  /** One tenant's rules, compiled for the indexing path. */
  interface TenantParsing {

    /**
     * Runs the highest-priority rule whose selector matches {@code document} on its {@code
     * message}; on {@link Outcome#PARSED}, {@code out} holds what it extracted, and else nothing.
     * {@code scratch} is the calling thread's own.
     */
    Outcome parse(Document document, String message, long ingestedAtMillis,
        MatcherScratch scratch, ParsedFields out);
  }
}
