package io.strata.audit.report;

import io.strata.audit.AuditEntry;
import io.strata.security.Caller;
import java.time.Instant;

/**
 * What a report's cover says: which report, of which trail, over which period, made by whom and
 * when.
 *
 * @param chain the tenant, or {@link AuditEntry#PLATFORM}
 * @param from the start of the period, null from the start of the trail
 * @param to the end of the period
 * @param generatedBy who asked for the report, as the trail names them
 */
public record ReportHeader(ReportKind kind, String chain, Instant from, Instant to,
    String generatedBy, Instant generatedAt) {

  /** {@code caller} as a report names them: name, actor type and id. */
  public static String describe(Caller caller) {
    return ReportSummary.actor(caller.actorName(), caller.actorType().label(), caller.actorId());
  }

  /** The trail as a reader knows it. */
  public String trail() {
    return AuditEntry.PLATFORM.equals(chain) ? "platform (operator and system actions)"
        : "tenant " + chain;
  }
}
