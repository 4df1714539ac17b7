package io.strata.search;

/**
 * The public id of an indexed event: its event time and its sequence number (Kafka partition,
 * offset and place in the record), both unsigned base 36, as {@code <time>-<seq>}.
 *
 * <p>Carrying the time lets a lookup go straight to the right day index and, since every index is
 * sorted on time, to a handful of documents there; the sequence then singles the event out. The id
 * is stable across replays and merges, because both parts come from the event and its Kafka
 * position, not from Lucene.
 */
public record EventId(long timestampMillis, long seq) {

  /** The text form of this id. */
  public String text() {
    return Long.toUnsignedString(timestampMillis, 36) + "-" + Long.toUnsignedString(seq, 36);
  }

  @Override
  public String toString() {
    return text();
  }

  /** The id written as {@code text}; throws {@link IllegalArgumentException} if it is none. */
  public static EventId parse(String text) {
    int dash = text == null ? -1 : text.indexOf('-');
    if (dash <= 0 || dash == text.length() - 1 || text.length() > 32) {
      throw new IllegalArgumentException("'" + text + "' is not an event id");
    }
    try {
      return new EventId(Long.parseUnsignedLong(text, 0, dash, 36),
          Long.parseUnsignedLong(text, dash + 1, text.length(), 36));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an event id", e);
    }
  }
}
