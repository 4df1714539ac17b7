package io.strata.audit.report;

import io.strata.infra.http.ProblemException;

/** A report grew past {@link ReportConfig#maxSize()}: 422, asking for a shorter period. */
final class ReportTooLargeException extends ProblemException {

  ReportTooLargeException(long maxBytes) {
    super(422, "report-too-large", "Report too large", "The report would be larger than "
        + maxBytes + " bytes (strata.reports.max-size); ask for a shorter period with 'from' and"
        + " 'to'.");
  }
}
