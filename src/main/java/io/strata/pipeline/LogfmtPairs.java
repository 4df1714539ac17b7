package io.strata.pipeline;

/**
 * Reads a logfmt line ({@code level=info msg="order placed" duration_ms=312}), as Go's slog text
 * handler, logrus, Heroku's router and many Go and Ruby services write them, into its pairs.
 *
 * <p>Only a line that starts with a {@code key=} pair and holds at least two is taken for logfmt:
 * pairs in the middle of free text ({@code uid=0 euid=0} in a PAM message) are left to the text.
 */
final class LogfmtPairs {

  /** Receives the pairs of a line, in order. */
  interface Receiver {
    /** One pair; {@code quoted} when the value was written in quotes (so is text, not a number). */
    void pair(String key, String value, boolean quoted);
  }

  private LogfmtPairs() {}

  /** Whether {@code line} is logfmt: it starts with a pair, and another follows. */
  static boolean isLogfmt(String line) {
    int end = pairEnd(line, 0);
    return end > 0 && end < line.length() && pairEnd(line, skipSpaces(line, end)) > 0;
  }

  /** Reports the pairs of a logfmt line, up to the first token that is not one. */
  static void read(String line, Receiver receiver) {
    int i = skipSpaces(line, 0);
    while (i < line.length()) {
      int equals = keyEnd(line, i);
      if (equals < 0) {
        return;
      }
      String key = line.substring(i, equals);
      int v = equals + 1;
      if (v < line.length() && line.charAt(v) == '"') {
        StringBuilder value = new StringBuilder();
        int k = v + 1;
        for (; k < line.length() && line.charAt(k) != '"'; k++) {
          char c = line.charAt(k);
          if (c == '\\' && k + 1 < line.length()) {
            c = line.charAt(++k);
            value.append(c == 'n' ? '\n' : c == 't' ? '\t' : c);
          } else {
            value.append(c);
          }
        }
        if (k == line.length()) {
          return; // an unterminated quote: the rest is not logfmt
        }
        receiver.pair(key, value.toString(), true);
        i = skipSpaces(line, k + 1);
      } else {
        int end = v;
        while (end < line.length() && line.charAt(end) != ' ') {
          end++;
        }
        receiver.pair(key, line.substring(v, end), false);
        i = skipSpaces(line, end);
      }
    }
  }

  /** The end of the pair at {@code i} (after its value), or -1 when no pair starts there. */
  private static int pairEnd(String line, int i) {
    int equals = keyEnd(line, i);
    if (equals < 0) {
      return -1;
    }
    int k = equals + 1;
    if (k < line.length() && line.charAt(k) == '"') {
      for (k++; k < line.length() && line.charAt(k) != '"'; k++) {
        if (line.charAt(k) == '\\') {
          k++;
        }
      }
      return k < line.length() ? k + 1 : -1;
    }
    while (k < line.length() && line.charAt(k) != ' ') {
      k++;
    }
    return k;
  }

  /** The position of the '=' after a key starting at {@code i}, or -1. */
  private static int keyEnd(String line, int i) {
    if (i >= line.length() || !isKeyStart(line.charAt(i))) {
      return -1;
    }
    int k = i + 1;
    while (k < line.length() && k - i <= 64 && isKeyPart(line.charAt(k))) {
      k++;
    }
    return k < line.length() && line.charAt(k) == '=' ? k : -1;
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isKeyStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
  }

  private static boolean isKeyPart(char c) {
    return isKeyStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/';
  }
}
