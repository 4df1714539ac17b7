package io.strata.tail;

/** What a live tail sends its client, besides comments: a matching event, or how many it missed. */
sealed interface TailMessage {

  /**
   * An event that matches the tail's query, as search shows it.
   *
   * @param id the event's {@code _id}
   * @param json the event as one line of JSON
   */
  record Match(String id, String json) implements TailMessage {}

  /** The client missed this many events since the last message. */
  record Dropped(long missed) implements TailMessage {

    /** The SSE data of the message. */
    String json() {
      return "{\"missed\":" + missed + "}";
    }
  }
}
