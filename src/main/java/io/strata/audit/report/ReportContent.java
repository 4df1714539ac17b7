package io.strata.audit.report;

import io.strata.audit.AuditVerification;
import io.strata.audit.ChainAnchor;

/**
 * Everything a report's PDF shows: its cover, the summary of the events it lists (null for reports
 * that list none), the verification (the integrity report's, else null) and the chain's anchor.
 */
public record ReportContent(ReportHeader header, ReportSummary summary,
    AuditVerification verification, ChainAnchor anchor) {}
