package io.strata.retention;

import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.tenancy.RetentionLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses an operator maximum below what a tenant's stored policy keeps. */
@ApplicationScoped
class TenantMaximumCheck implements RetentionLimits {

  private final RetentionPolicies policies;

  TenantMaximumCheck(RetentionPolicies policies) {
    this.policies = policies;
  }

  @Override
  public Uni<Void> requireWithin(String tenant, int maxDays) {
    return StoredRetentionPolicy.<StoredRetentionPolicy>findById(tenant).map(stored -> {
      if (stored == null) {
        return null; // the default policy follows the maximum
      }
      if (stored.defaultDays > maxDays) {
        throw conflict("its default_days is " + stored.defaultDays, null, maxDays);
      }
      for (RetentionStream stream : policies.streams(stored.streams)) {
        if (stream.days() > maxDays) {
          throw conflict("stream '" + stream.name() + "' keeps events " + stream.days() + " days",
              stream.name(), maxDays);
        }
      }
      return null;
    });
  }

  private static ProblemException conflict(String what, String stream, int maxDays) {
    ProblemException problem = new ProblemException(409, "retention-above-maximum", "Conflict",
        "The tenant's retention policy keeps events longer than " + maxDays + " days (" + what
            + "); its admin must shorten the policy first.")
        .with("field", "max_retention_days");
    return stream == null ? problem : problem.with("stream", stream);
  }
}
