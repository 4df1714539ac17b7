package io.strata.audit.report;

import io.strata.infra.http.ProblemException;
import java.util.Locale;

/** How a report is delivered. */
public enum ReportFormat {

  /** Every row of the report (the full population, for sampling), RFC 4180, formula-safe. */
  CSV("text/csv; charset=utf-8"),
  /** A cover page, summary tables and the chain's signed anchor, for reading and filing. */
  PDF("application/pdf");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The format named {@code name} (CSV when none); a 400 problem naming {@code format} otherwise. */
  public static ReportFormat parse(String name) {
    if (name == null || name.isBlank()) {
      return CSV;
    }
    for (ReportFormat format : values()) {
      if (format.extension().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw ProblemException.badRequest("invalid-format", "'format' is csv or pdf, not '" + name
        + "'.").with("parameter", "format");
  }

  public String contentType() {
    return contentType;
  }

  /** The file name extension, also the value of {@code format}. */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }
}
