package io.strata.ingest.otlp;

import java.util.List;

/**
 * One decoded OTLP {@code LogRecord}, with what Strata keeps of it ({@code flags} and {@code
 * dropped_attributes_count} are not kept).
 *
 * @param timeUnixNano event time, as an unsigned 64-bit count of nanoseconds; 0 when unknown
 * @param observedTimeUnixNano when the collection system saw it, likewise
 * @param severityNumber 1-24 (TRACE to FATAL4), or 0 when unspecified
 * @param severityText the level as the source named it, or ""
 * @param body the body, or null when empty
 * @param traceId 32 lowercase hex digits, or null when absent or invalid
 * @param spanId 16 lowercase hex digits, or null when absent or invalid
 * @param eventName the event name, or ""
 */
record OtlpLogRecord(long timeUnixNano, long observedTimeUnixNano, int severityNumber,
    String severityText, OtlpValue body, List<OtlpValue.Attribute> attributes, String traceId,
    String spanId, String eventName) {}
