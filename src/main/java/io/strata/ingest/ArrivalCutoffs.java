package io.strata.ingest;

import io.strata.parsing.ParsingRules;
import io.strata.retention.RetentionPolicies;
import io.strata.retention.RetentionPolicy;
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

  /** Ten years: a policy that keeps every class this long is not worth a look per event. */
  static final int NOT_WORTH_CHECKING_DAYS = 3_650;

  private final RetentionPolicies policies;
  private final ParsingRules parsing;
  private final InstantSource clock;

  ArrivalCutoffs(RetentionPolicies policies, ParsingRules parsing, InstantSource clock) {
    this.policies = policies;
    this.parsing = parsing;
    this.clock = clock;
  }

  /** The cutoff for {@code tenant}'s events arriving now, or null when none need checking. */
  public ArrivalCutoff forTenant(String tenant) {
    RetentionPolicy policy = policies.effectiveIfKnown(tenant);
    // Until the policies are read, any guess could refuse events a policy keeps for years; a
    // parsing rule may replace the time an event was sent with by a recent one.
    if (policy == null || parsing.mayChangeEventTime(tenant)) {
      return null;
    }
    int longest = policy.longestDays();
    if (longest >= NOT_WORTH_CHECKING_DAYS) {
      return null;
    }
    // The same clock as the indexer's (tests move it), not the request's ingest time.
    return ArrivalCutoff.at(clock.millis(), longest);
  }
}
