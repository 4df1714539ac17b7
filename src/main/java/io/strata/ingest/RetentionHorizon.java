package io.strata.ingest;

/**
 * How far back a tenant's retention reaches, as ingest needs it to refuse events no class would
 * keep; the retention feature provides it (ingest must not depend on retention, which depends on
 * ingest's topic settings).
 */
public interface RetentionHorizon {

  /**
   * Days the longest-kept class of {@code tenant}'s policy keeps events, or null while the policies
   * have not been read yet (a request path must not wait for the database).
   */
  Integer longestDaysIfKnown(String tenant);
}
