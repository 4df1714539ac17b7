package io.strata.audit.report;

import java.io.IOException;
import java.io.InputStream;

/**
 * A report made, hashed and recorded, ready to send: read {@link #content()} once and close it.
 *
 * @param sha256 the SHA-256 of the content in lowercase hex, as recorded in the trail
 */
public record GeneratedReport(String fileName, ReportFormat format, long size, String sha256,
    InputStream content) implements AutoCloseable {

  @Override
  public void close() throws IOException {
    content.close();
  }
}
