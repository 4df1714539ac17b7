package io.strata.pipeline;

/**
 * Receives the fields of one normalised event, in the order {@link EventNormalizer} finds them.
 *
 * <p>Note: {@link #timestamp} and {@link #ingestedAt} are called exactly once per event, before any
 * other method; every other method may be called any number of times, and a field name may repeat
 * (the values of a JSON array).
 */
public interface EventSink {

  /** The event time, from the payload or else the ingest time. */
  void timestamp(long epochNanos);

  /** The server's clock when the event was accepted. */
  void ingestedAt(long epochMillis);

  /** The normalised level, and the value as sent when it differs (or {@code null}). */
  void level(Level level, String original);

  /** The full-text message. */
  void message(String message);

  /** An exact-match string value: a well-known field such as {@code service} or an attribute. */
  void keyword(String field, String value);

  /** A numeric attribute, with the text it was sent as. */
  void number(String field, double value, String text);

  /** A boolean attribute. */
  void bool(String field, boolean value);
}
