package io.strata.pipeline;

/**
 * Reads the fields of an access log line in the common or combined format of Apache httpd and
 * nginx, {@code client ident user [time] "request" status bytes "referrer" "user agent"}, and an
 * optional request duration after it, so that {@code http.status:[500 TO 599]} works on access
 * logs sent as plain text.
 *
 * <p>Reads the line in place; a line of another shape costs a look at its first 80 characters.
 */
final class AccessLogFields {

  static final String CLIENT = "client.address";
  static final String USER = "user.name";
  static final String METHOD = "http.method";
  static final String PATH = "http.path";
  static final String VERSION = "http.version";
  static final String STATUS = "http.status";
  static final String BYTES = "http.bytes";
  static final String REFERRER = "http.referrer";
  static final String USER_AGENT = "http.user_agent";
  static final String DURATION = "http.duration";

  /** How far into a line the bracketed time may start: after a client address and a user name. */
  private static final int BRACKET_SEARCH = 80;

  private AccessLogFields() {}

  /** Reports the fields of {@code line} to {@code sink} if it is an access log line; says whether. */
  static boolean emit(String line, EventSink sink) {
    int n = line.length();
    // Every scan is bounded, so that a long line of another shape costs no more than a short one.
    int firstSpace = find(line, ' ', 0, BRACKET_SEARCH);
    int secondSpace = firstSpace <= 0 ? -1 : find(line, ' ', firstSpace + 1, BRACKET_SEARCH);
    int open = secondSpace < 0 ? -1 : find(line, '[', secondSpace + 1, BRACKET_SEARCH) - 1;
    if (open <= secondSpace || line.charAt(open) != ' ') {
      return false;
    }
    int close = find(line, ']', open, open + 40);
    if (close < 0 || !at(line, close + 1, ' ') || !at(line, close + 2, '"')) {
      return false;
    }
    int requestStart = close + 3;
    int requestEnd = closingQuote(line, requestStart);
    if (requestEnd < 0 || !at(line, requestEnd + 1, ' ')) {
      return false;
    }
    int statusStart = requestEnd + 2;
    int status = digits3(line, statusStart);
    if (status < 100 || !(statusStart + 3 == n || at(line, statusStart + 3, ' '))) {
      return false;
    }
    sink.keyword(CLIENT, line.substring(0, firstSpace));
    String user = line.substring(secondSpace + 1, open);
    if (!user.equals("-") && !user.isEmpty()) {
      sink.keyword(USER, user);
    }
    emitRequest(line, requestStart, requestEnd, sink);
    sink.number(STATUS, status, line.substring(statusStart, statusStart + 3));
    int i = statusStart + 4;
    int bytesEnd = token(line, i);
    if (bytesEnd > i) {
      emitNumber(BYTES, line, i, bytesEnd, sink);
    }
    i = bytesEnd + 1;
    if (at(line, i, '"')) {
      int end = closingQuote(line, i + 1);
      if (end < 0) {
        return true;
      }
      emitQuoted(REFERRER, line, i + 1, end, sink);
      i = end + 2;
      if (at(line, i, '"')) {
        end = closingQuote(line, i + 1);
        if (end < 0) {
          return true;
        }
        emitQuoted(USER_AGENT, line, i + 1, end, sink);
        i = end + 2;
      }
    }
    // A duration as the last field (nginx's $request_time in seconds, Apache's %D in microseconds).
    int durationEnd = token(line, i);
    if (durationEnd == n && durationEnd > i) {
      emitNumber(DURATION, line, i, durationEnd, sink);
    }
    return true;
  }

  private static void emitRequest(String line, int start, int end, EventSink sink) {
    int space = line.indexOf(' ', start);
    if (space < 0 || space >= end) {
      return; // "-" or a request that is not one (a scanner's bytes)
    }
    int lastSpace = line.lastIndexOf(' ', end - 1);
    sink.keyword(METHOD, line.substring(start, space));
    if (lastSpace > space) {
      sink.keyword(PATH, line.substring(space + 1, lastSpace));
      sink.keyword(VERSION, line.substring(lastSpace + 1, end));
    } else {
      sink.keyword(PATH, line.substring(space + 1, end));
    }
  }

  private static void emitQuoted(String field, String line, int start, int end, EventSink sink) {
    if (end > start && !(end == start + 1 && line.charAt(start) == '-')) {
      sink.keyword(field, line.substring(start, end));
    }
  }

  /** A number as a number; anything else ({@code -}) is left out. */
  private static void emitNumber(String field, String line, int start, int end, EventSink sink) {
    String text = line.substring(start, end);
    try {
      sink.number(field, Double.parseDouble(text), text);
    } catch (NumberFormatException e) {
      // "-" for no body, or not a number at all: nothing to search by range.
    }
  }

  /** The first {@code c} from {@code from} and before {@code limit}, or -1. */
  private static int find(String s, char c, int from, int limit) {
    int end = Math.min(limit, s.length());
    for (int i = from; i < end; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the quote that ends a quoted field starting at {@code i}, escapes skipped. */
  private static int closingQuote(String s, int i) {
    for (int k = i; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '"') {
        return k;
      }
    }
    return -1;
  }

  /** The end of the token at {@code i}: the next space or the end of the line. */
  private static int token(String s, int i) {
    if (i >= s.length()) {
      return s.length();
    }
    int space = s.indexOf(' ', i);
    return space < 0 ? s.length() : space;
  }

  private static int digits3(String s, int i) {
    if (i + 3 > s.length()) {
      return -1;
    }
    int value = 0;
    for (int k = i; k < i + 3; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean at(String s, int i, char c) {
    return i < s.length() && s.charAt(i) == c;
  }
}
