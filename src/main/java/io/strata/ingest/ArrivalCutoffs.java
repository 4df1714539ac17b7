package io.strata.ingest;

import io.strata.parsing.ParsingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;

/**
 * Whether the native API should look at the times of a tenant's events at all, and against which
 * {@link ArrivalCutoff}: only when something arriving now could be past every class of the
 * tenant's retention, and only when the time an event is sent with is the time it will be stored
 * at.
 */
@ApplicationScoped
public class ArrivalCutoffs {

  private final RetentionHorizon horizon;
  private final ParsingRules parsing;
  private final InstantSource clock;

  ArrivalCutoffs(RetentionHorizon horizon, ParsingRules parsing, InstantSource clock) {
    this.horizon = horizon;
    this.parsing = parsing;
    this.clock = clock;
  }

  /** The cutoff for {@code tenant}'s events arriving now, or null when none need checking. */
  public ArrivalCutoff forTenant(String tenant) {
    Integer longest = horizon.longestDaysIfKnown(tenant);
    // The same clock as the indexer's (tests move it), not the request's ingest time.
    return longest == null ? null
        : ArrivalCutoff.forLongestDays(longest, parsing.mayChangeEventTime(tenant), clock.millis());
  }
}
