package io.strata.audit.report;

import io.strata.audit.AuditVerification;
import io.strata.audit.ChainAnchor;

/**
 * Everything a report's PDF shows: its cover, the summary of the events it lists (null for reports
 * that list none), the verification (the integrity report's, else null), the chain's anchor, and
 * what the retention and erasures reports add up (null for the other reports).
 */
public record ReportContent(ReportHeader header, ReportSummary summary,
    AuditVerification verification, ChainAnchor anchor, RetentionTotals retention,
    ErasureLedger erasures) {

  /** The content of a report that is neither the retention nor the erasures report. */
  public ReportContent(ReportHeader header, ReportSummary summary,
      AuditVerification verification, ChainAnchor anchor) {
    this(header, summary, verification, anchor, null, null);
  }
}
