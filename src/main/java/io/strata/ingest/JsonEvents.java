package io.strata.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.pipeline.EventTimeScan;
import java.io.IOException;

/** Checks on events sent as JSON objects that every ingest protocol shares. */
public final class JsonEvents {

  private JsonEvents() {}

  /**
   * Walks to the end of the object whose {@code START_OBJECT} the parser is at, counting its
   * non-null leaf values (the fields the event will have once flattened).
   */
  public static int countLeaves(JsonParser parser) throws IOException {
    return countLeaves(parser, null);
  }

  /**
   * As {@link #countLeaves(JsonParser)}, also showing {@code times} (when not null) the object's
   * top-level members, so that the event's time is known from the same pass.
   */
  public static int countLeaves(JsonParser parser, EventTimeScan times) throws IOException {
    if (times != null) {
      times.beginObject();
    }
    int depth = 1;
    int leaves = 0;
    while (depth > 0) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new JsonParseException(parser, "unexpected end of input");
      }
      boolean top = times != null && depth == 1;
      switch (token) {
        case START_OBJECT, START_ARRAY -> {
          if (top) {
            times.container();
          }
          depth++;
        }
        case END_OBJECT, END_ARRAY -> depth--;
        case FIELD_NAME -> {
          if (top) {
            times.name(parser.currentName());
          }
        }
        case VALUE_NULL -> {
          if (top) {
            times.nullValue();
          }
        }
        default -> {
          leaves++;
          if (top) {
            times.value(parser, token);
          }
        }
      }
    }
    return leaves;
  }

  /** The reason an event of {@code bytes} bytes is refused, or {@code null} when it fits. */
  public static String tooLarge(long bytes, long limit) {
    return bytes > limit ? "event is " + bytes + " bytes; the limit is " + limit : null;
  }

  /** The reason an event with {@code fields} fields is refused, or {@code null} when it fits. */
  public static String tooManyFields(int fields, int limit) {
    return fields > limit ? "event has " + fields + " fields; the limit is " + limit : null;
  }
}
