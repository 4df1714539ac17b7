package io.strata.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the JSON object that ends a plain-text line after a prefix, as a logger with a JSON
 * message or an application printing its payload writes it: {@code 2024-05-01 12:00:00,123 INFO
 * [main] c.a.Foo - {"user":"u1","order_id":42}}, {@code Dec 10 06:55:46 host app[123]:
 * {"event":"login"}}.
 *
 * <p>Only a whole object that ends the line counts: braces in the middle of the text ({@code user
 * {x} did y}) or an object cut short leave the line as it is. A line without a '{', which is most
 * of them, costs one {@code indexOf}.
 *
 * <p>Caution: keeps a reusable buffer; one per normaliser, not thread-safe.
 */
final class EmbeddedJson {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * How many '{' of one line are tried as the start of the object: enough for a prefix holding a
   * few braces, and a bound on a line holding many.
   */
  private static final int MAX_ATTEMPTS = 8;

  private char[] chars = new char[256];

  /**
   * Reads the object that ends {@code line}, after something else, into {@code leaves} (empty
   * before); says whether there was one. Leaves {@code leaves} empty when there was none.
   */
  boolean read(String line, EventLeaves leaves) {
    int brace = line.indexOf('{');
    if (brace < 0) {
      return false;
    }
    int end = line.length();
    while (end > brace && isSpace(line.charAt(end - 1))) {
      end--;
    }
    if (line.charAt(end - 1) != '}' || isBlank(line, brace)) {
      return false; // no object ends the line, or it has no prefix (that is a JSON event's case)
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS && brace >= 0 && brace < end - 1; attempt++) {
      if (opensObject(line, brace, end) && readObject(line, brace, end, leaves)) {
        return true;
      }
      brace = line.indexOf('{', brace + 1);
    }
    return false;
  }

  /**
   * Whether a JSON object may start at {@code brace}: a name in quotes or the closing brace comes
   * next. Most braces in text ({@code Intent { act=...}}, {@code {x}}) fail here, before a parser
   * and its exception are paid for.
   */
  private static boolean opensObject(String line, int brace, int end) {
    int i = brace + 1;
    while (i < end && isSpace(line.charAt(i))) {
      i++;
    }
    return i < end && (line.charAt(i) == '"' || line.charAt(i) == '}');
  }

  /** Whether the characters from {@code start} to {@code end} are exactly one JSON object. */
  private boolean readObject(String line, int start, int end, EventLeaves leaves) {
    int length = end - start;
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    line.getChars(start, end, chars, 0);
    try (JsonParser parser = JSON.createParser(chars, 0, length)) {
      parser.nextToken();
      leaves.readObject(parser);
      if (parser.nextToken() == null) {
        return true;
      }
    } catch (IOException e) {
      // Not an object: maybe a later brace starts one.
    }
    leaves.clear();
    return false;
  }

  private static boolean isBlank(String line, int end) {
    for (int i = 0; i < end; i++) {
      if (!isSpace(line.charAt(i)) && line.charAt(i) != '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
