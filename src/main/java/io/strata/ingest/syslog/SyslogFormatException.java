package io.strata.ingest.syslog;

/** A message that is not syslog as RFC 5424 or RFC 3164 describe it; it is rejected on its own. */
final class SyslogFormatException extends RuntimeException {

  SyslogFormatException(String reason) {
    super(reason, null, false, false);
  }
}
