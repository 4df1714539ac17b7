package io.strata.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * The leaf values of one event, as flat dotted names with their text, type and well-known alias:
 * read from a JSON object or from a logfmt line, then reported by {@link EventNormalizer}.
 *
 * <p>Caution: reused from event to event by one normaliser; not thread-safe.
 */
final class EventLeaves implements LogfmtPairs.Receiver {

  static final byte T_STRING = 0;
  static final byte T_INT = 1;
  static final byte T_FLOAT = 2;
  static final byte T_BOOL = 3;

  String[] names = new String[32];
  String[] texts = new String[32];
  byte[] types = new byte[32];
  long[] longs = new long[32];
  double[] doubles = new double[32];
  Canonical.Alias[] aliases = new Canonical.Alias[32];
  /** Which leaves have been reported as a well-known field already. */
  boolean[] used = new boolean[32];
  int count;
  private final StringBuilder path = new StringBuilder(64);
  private String topLevelName;

  /** Forgets the leaves of the event before. */
  void clear() {
    count = 0;
    path.setLength(0);
    topLevelName = null;
  }

  /** Reports leaf {@code i} as an attribute, renamed when it takes a name the model reserves. */
  void emitAttribute(int i, EventSink sink) {
    String name = names[i];
    if (EventFields.RESERVED.contains(name)) {
      name = name + EventFields.RENAMED_SUFFIX;
    }
    switch (types[i]) {
      case T_INT -> sink.number(name, longs[i], texts[i]);
      case T_FLOAT -> sink.number(name, doubles[i], texts[i]);
      case T_BOOL -> sink.bool(name, Boolean.parseBoolean(texts[i]));
      default -> sink.keyword(name, texts[i]);
    }
  }

  /** A logfmt pair as a leaf: an unquoted number as a number, anything else as text. */
  @Override
  public void pair(String key, String value, boolean quoted) {
    topLevelName = key;
    if (!quoted && isNumber(value)) {
      try {
        if (value.indexOf('.') < 0 && value.indexOf('e') < 0 && value.indexOf('E') < 0) {
          long number = Long.parseLong(value);
          addLeaf(T_INT, value, number, number);
        } else {
          addLeaf(T_FLOAT, value, 0, Double.parseDouble(value));
        }
        return;
      } catch (NumberFormatException e) {
        // Too large for a long: text.
      }
    }
    addLeaf(T_STRING, value, 0, 0);
  }

  private static boolean isNumber(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        return false;
      }
    }
    return true;
  }

  /** Reads the members of the object whose start the parser has just read, flattened. */
  void readObject(JsonParser parser) throws IOException {
    int mark = path.length();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      path.setLength(mark);
      if (mark > 0) {
        path.append('.');
        path.append(parser.currentName());
        topLevelName = null;
      } else {
        // Jackson interns field names: a top-level name costs no new String.
        topLevelName = parser.currentName();
        path.append(topLevelName);
      }
      readValue(parser, parser.nextToken());
    }
    path.setLength(mark);
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("unexpected " + token + " in an object");
    }
  }

  private void readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (element == null) {
            throw new IOException("unterminated array");
          }
          readValue(parser, element);
        }
      }
      case VALUE_STRING -> addLeaf(T_STRING, parser.getText(), 0, 0);
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          addLeaf(T_FLOAT, parser.getText(), 0, parser.getDoubleValue());
        } else {
          long value = parser.getLongValue();
          addLeaf(T_INT, parser.getText(), value, value);
        }
      }
      case VALUE_NUMBER_FLOAT -> addLeaf(T_FLOAT, parser.getText(), 0, parser.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> addLeaf(T_BOOL, parser.getText(), 0, 0);
      case VALUE_NULL -> { }
      default -> throw new IOException("unexpected " + token);
    }
  }

  private void addLeaf(byte type, String text, long longValue, double doubleValue) {
    if (count == names.length) {
      grow();
    }
    String name = topLevelName != null ? topLevelName : path.toString();
    names[count] = name;
    texts[count] = text;
    types[count] = type;
    longs[count] = longValue;
    doubles[count] = doubleValue;
    aliases[count] = Canonical.find(name);
    count++;
  }

  private void grow() {
    int size = names.length * 2;
    names = Arrays.copyOf(names, size);
    texts = Arrays.copyOf(texts, size);
    types = Arrays.copyOf(types, size);
    longs = Arrays.copyOf(longs, size);
    doubles = Arrays.copyOf(doubles, size);
    aliases = Arrays.copyOf(aliases, size);
    used = Arrays.copyOf(used, size);
  }
}
