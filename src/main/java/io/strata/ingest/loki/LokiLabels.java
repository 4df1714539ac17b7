package io.strata.ingest.loki;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a Loki stream selector as protobuf pushes carry it, {@code {app="api",env="prod"}}, with
 * the Prometheus escapes {@code \"}, {@code \\} and {@code \n} in values.
 */
final class LokiLabels {

  private LokiLabels() {}

  /** The labels in order of appearance; an {@link IllegalArgumentException} names what is wrong. */
  static Map<String, String> parse(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    int i = skipSpace(text, 0);
    if (i >= text.length() || text.charAt(i) != '{') {
      throw new IllegalArgumentException("labels must start with '{'");
    }
    i = skipSpace(text, i + 1);
    if (i < text.length() && text.charAt(i) == '}') {
      return checkEnd(text, i, labels);
    }
    while (true) {
      int nameStart = i;
      while (i < text.length() && isNameChar(text.charAt(i), i == nameStart)) {
        i++;
      }
      if (i == nameStart) {
        throw new IllegalArgumentException("expected a label name at position " + (i + 1));
      }
      String name = text.substring(nameStart, i);
      i = skipSpace(text, i);
      if (i >= text.length() || text.charAt(i) != '=') {
        throw new IllegalArgumentException("expected '=' after label " + name);
      }
      i = skipSpace(text, i + 1);
      if (i >= text.length() || text.charAt(i) != '"') {
        throw new IllegalArgumentException("expected a quoted value for label " + name);
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (true) {
        if (i >= text.length()) {
          throw new IllegalArgumentException("unterminated value of label " + name);
        }
        char c = text.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && i < text.length()) {
          char e = text.charAt(i++);
          value.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        } else {
          value.append(c);
        }
      }
      labels.put(name, value.toString());
      i = skipSpace(text, i);
      if (i < text.length() && text.charAt(i) == ',') {
        i = skipSpace(text, i + 1);
        continue;
      }
      if (i < text.length() && text.charAt(i) == '}') {
        return checkEnd(text, i, labels);
      }
      throw new IllegalArgumentException("expected ',' or '}' after label " + name);
    }
  }

  private static Map<String, String> checkEnd(String text, int close, Map<String, String> labels) {
    if (skipSpace(text, close + 1) != text.length()) {
      throw new IllegalArgumentException("unexpected content after '}'");
    }
    return labels;
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (!first && ((c >= '0' && c <= '9') || c == '.'));
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
