package io.strata.ingest.otlp;

/**
 * A request body that is not a valid {@code ExportLogsServiceRequest} in its encoding; the whole
 * request is refused (400), nothing of it is stored.
 */
final class OtlpDecodeException extends RuntimeException {

  private final String field;

  /** {@code field} names where the problem is, e.g. {@code resourceLogs[1]}. */
  OtlpDecodeException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  String field() {
    return field;
  }
}
