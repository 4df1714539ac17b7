package io.strata.audit;

/** How an audited action ended. */
public enum AuditOutcome {
  /** It was done. */
  SUCCESS,
  /** The caller was not allowed (401, 403). */
  DENIED,
  /** It failed (a bad request, a missing target, a fault). */
  ERROR;

  /** The name the trail uses: {@code success}, {@code denied}, {@code error}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The outcome of an answer with HTTP status {@code status}. */
  public static AuditOutcome ofStatus(int status) {
    if (status == 401 || status == 403) {
      return DENIED;
    }
    return status >= 400 ? ERROR : SUCCESS;
  }
}
