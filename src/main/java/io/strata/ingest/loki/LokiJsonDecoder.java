package io.strata.ingest.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Loki JSON push body, {@code {"streams":[{"stream":{labels},"values":[["<unix ns>",
 * "line", {structured metadata}], ...]}]}}, in one streaming pass. A bad entry or stream is refused
 * on its own; JSON that cannot be read any further refuses the rest of the body.
 */
final class LokiJsonDecoder {

  private static final JsonFactory JSON = new JsonFactory();

  /** One entry as read, or the reason it cannot be taken. */
  private record Pending(long seconds, long nanos, String line, List<LokiEvents.Pair> metadata,
      String error) {}

  private LokiJsonDecoder() {}

  static void decode(byte[] body, int length, LokiEvents events) {
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return;
      }
      if (token != JsonToken.START_OBJECT) {
        events.rejectRest("the body must be a JSON object with \"streams\"");
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("streams") && value == JsonToken.START_ARRAY) {
          while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (value == JsonToken.START_OBJECT) {
              readStream(parser, events);
            } else {
              parser.skipChildren();
              events.reject("each element of \"streams\" must be an object");
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      events.rejectRest("malformed JSON at line " + (where == null ? "?" : where.getLineNr())
          + ", column " + (where == null ? "?" : where.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      events.rejectRest("malformed JSON: " + e.getMessage());
    }
  }

  private static void readStream(JsonParser parser, LokiEvents events) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    String labelError = null;
    List<Pending> entries = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("stream") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String label = parser.currentName();
          JsonToken labelValue = parser.nextToken();
          if (labelValue == JsonToken.VALUE_STRING) {
            labels.put(label, parser.getText());
          } else {
            parser.skipChildren();
            labelError = "the value of label " + label + " is not a string";
          }
        }
      } else if (name.equals("values") && value == JsonToken.START_ARRAY) {
        while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
          entries.add(value == JsonToken.START_ARRAY ? readEntry(parser)
              : skip(parser, "each value must be an array [\"<unix epoch in nanoseconds>\", "
                  + "\"<log line>\"]"));
        }
      } else {
        parser.skipChildren();
      }
    }
    String text = selector(labels);
    if (labelError != null) {
      for (int i = 0; i < Math.max(1, entries.size()); i++) {
        events.reject("stream '" + text + "' refused: " + labelError);
      }
      return;
    }
    events.stream(labels, text);
    for (Pending entry : entries) {
      if (entry.error() != null) {
        events.reject("entry for stream '" + text + "': " + entry.error());
      } else {
        events.entry(entry.seconds(), entry.nanos(), entry.line(), entry.metadata());
      }
    }
  }

  private static Pending readEntry(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    long timestamp = -1;
    if (token == JsonToken.VALUE_STRING) {
      try {
        timestamp = Long.parseLong(parser.getText().trim());
      } catch (NumberFormatException e) {
        timestamp = -1;
      }
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      timestamp = parser.getLongValue();
    }
    if (token == JsonToken.END_ARRAY) {
      return error("empty value; expected [\"<unix epoch in nanoseconds>\", \"<log line>\"]");
    }
    if (timestamp < 0) {
      parser.skipChildren();
      return skipRest(parser, "timestamp " + describe(parser, token)
          + " is not a unix epoch in nanoseconds");
    }
    token = parser.nextToken();
    if (token != JsonToken.VALUE_STRING) {
      if (token == JsonToken.END_ARRAY) {
        return error("the log line is missing");
      }
      parser.skipChildren();
      return skipRest(parser, "the log line must be a string");
    }
    String line = parser.getText();
    List<LokiEvents.Pair> metadata = List.of();
    token = parser.nextToken();
    if (token == JsonToken.START_OBJECT) {
      metadata = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          metadata.add(new LokiEvents.Pair(name, parser.getText()));
        } else {
          parser.skipChildren();
        }
      }
      token = parser.nextToken();
    }
    while (token != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("unterminated value array");
      }
      parser.skipChildren();
      token = parser.nextToken();
    }
    return new Pending(Math.floorDiv(timestamp, 1_000_000_000L),
        Math.floorMod(timestamp, 1_000_000_000L), line, metadata, null);
  }

  private static String describe(JsonParser parser, JsonToken token) throws IOException {
    return token.isScalarValue() ? "'" + parser.getText() + "'" : "of type " + token;
  }

  private static Pending skip(JsonParser parser, String reason) throws IOException {
    parser.skipChildren();
    return error(reason);
  }

  /** Skips to the end of the entry array the parser is inside. */
  private static Pending skipRest(JsonParser parser, String reason) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("unterminated value array");
      }
      parser.skipChildren();
    }
    return error(reason);
  }

  private static Pending error(String reason) {
    return new Pending(0, 0, null, null, reason);
  }

  /** The labels as a Loki stream selector, for messages. */
  static String selector(Map<String, String> labels) {
    StringBuilder text = new StringBuilder("{");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(label.getKey()).append("=\"")
          .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return text.append('}').toString();
  }
}
