package io.strata.audit;

import io.strata.infra.http.ProblemException;

/**
 * The audit record of an action could not be written, so the action does not happen (or is rolled
 * back): nothing is done unrecorded. A 503 problem with {@code Retry-After}.
 */
public final class AuditUnavailableException extends ProblemException {

  AuditUnavailableException(Throwable cause) {
    super(503, "audit-unavailable", "Service Unavailable",
        "The audit trail cannot record this action right now, so it was not done; retry shortly.");
    initCause(cause);
    retryAfter(5);
  }
}
