package io.strata.export;

import io.strata.infra.http.ProblemException;
import java.util.Locale;

/** The formats an export can be written in. */
public enum ExportFormat {
  /** One event per line, as search shows it. */
  NDJSON("application/x-ndjson", "ndjson"),
  /** A header row, then one row per event with the chosen columns (RFC 4180). */
  CSV("text/csv; charset=utf-8", "csv");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** The format named {@code text} (default NDJSON); a 400 problem for any other. */
  public static ExportFormat parse(String text) {
    if (text == null || text.isBlank()) {
      return NDJSON;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-format", "'format' must be ndjson or csv, was '"
          + text + "'.").with("parameter", "format");
    }
  }
}
