package io.strata.tail;

/**
 * Reads a stream of Server-Sent Events line by line, as the tail writes them: {@code id:}, {@code
 * event:} and {@code data:} fields (one data line per event), comments, and a blank line ending
 * each event.
 */
final class ServerSentEvents {

  /** One event: its name (null for a plain message), id and data. */
  record Event(String name, String id, String data) {}

  private String name;
  private String id;
  private String data;

  /** Takes the next line; returns the event it completes, or null. */
  Event accept(String line) {
    if (line.isEmpty()) {
      Event done = name == null && id == null && data == null ? null : new Event(name, id, data);
      name = null;
      id = null;
      data = null;
      return done;
    }
    if (line.startsWith(":")) {
      return null; // a comment: the stream's opening or a keep-alive
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> name = value;
      case "id" -> id = value;
      case "data" -> data = data == null ? value : data + "\n" + value;
      default -> { } // retry, or a field this reader does not know
    }
    return null;
  }

  /** The count of a {@code dropped} event's data, {@code {"missed":N}}; 0 when unreadable. */
  static long missed(String data) {
    int colon = data.indexOf(':');
    int end = data.indexOf('}', colon);
    try {
      return colon < 0 || end < 0 ? 0 : Long.parseLong(data.substring(colon + 1, end).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
