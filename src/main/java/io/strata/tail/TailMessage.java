package io.strata.tail;

/**
 * What a live tail sends its client: that it follows the index now, a matching event, how many it
 * missed, or that it is still alive. The HTTP layer writes these as Server-Sent Events; the console
 * shows them.
 */
public sealed interface TailMessage {

  /** The tail follows the index: what is ingested from now on can reach it. */
  record Opened() implements TailMessage {}

  /** Nothing to send for a while; sent so that proxies keep an idle stream open. */
  record KeepAlive() implements TailMessage {}

  /**
   * An event that matches the tail's query, as search shows it.
   *
   * @param id the event's {@code _id}
   * @param json the event as one line of JSON
   */
  record Match(String id, String json) implements TailMessage {}

  /**
   * The tail ends: its credential was revoked or expired, or it reached its longest life. The
   * client may open a new one with a valid credential.
   */
  record Ended(String reason) implements TailMessage {

    /** The SSE data of the message. */
    public String json() {
      return "{\"reason\":\"" + reason + "\"}";
    }
  }

  /** The client missed this many events since the last message. */
  record Dropped(long missed) implements TailMessage {

    /** The SSE data of the message. */
    public String json() {
      return "{\"missed\":" + missed + "}";
    }
  }
}
