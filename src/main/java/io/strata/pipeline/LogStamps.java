package io.strata.pipeline;

/**
 * Reads a stamp that a parsing rule captured, in any notation the automatic parsing knows: first
 * as a whole (ISO-8601, RFC 1123, common log format, epoch), then as the stamp a log line starts
 * with (syslog, Apache error log, klog, compact forms; year-less ones resolved to the most recent
 * past).
 */
public final class LogStamps {

  private LogStamps() {}

  /** Epoch nanoseconds, or {@link TimestampParser#INVALID} when {@code text} holds no stamp. */
  public static long read(String text, long ingestedAtMillis) {
    long whole = TimestampParser.parseText(text);
    return whole != TimestampParser.INVALID ? whole
        : PlainTextTimestamp.find(text, ingestedAtMillis);
  }
}
