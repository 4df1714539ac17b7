package io.strata.ingest;

/**
 * Tells whether a plain-text line continues the event before it (#13): the frames, causes and
 * markers of a Java, Python, Go or .NET stack trace, which a file sent as it is ({@code curl
 * --data-binary @app.log}) or a shipper without multiline settings delivers as separate lines.
 *
 * <p>A line continues the event before it when it is:
 *
 * <ul>
 *   <li>indented and begins with {@code at } (a Java, .NET or Node.js frame);
 *   <li>{@code ... N more} or {@code ... N common frames omitted} (Java, logback), indented or not;
 *   <li>{@code Caused by: } or {@code Suppressed: } (Java), indented or not;
 *   <li>{@code --- End of ...} or an indented {@code ---> } (.NET inner exceptions);
 *   <li>the header of an exception, a dotted type name followed by {@code :} or the end of the line
 *       ({@code java.lang.IllegalStateException: boom}, {@code System.InvalidOperationException:
 *       ...}), when the next line is an indented {@code at } frame or {@code ---> };
 *   <li>{@code Traceback (most recent call last):}, {@code During handling of the above exception,
 *       ...} or {@code The above exception was the direct cause ...} (Python); these open a Python
 *       block, in which every indented line ({@code   File "...", line N, in f} and its source line)
 *       continues, and the first unindented line that is a type name followed by {@code :} or the
 *       end of the line ({@code ValueError: bad amount}) continues and closes it;
 *   <li>{@code goroutine N [state]:} (a Go panic or dump) or {@code [signal ...}; the goroutine
 *       line opens a Go block, in which every indented line ({@code \t/app/main.go:12 +0x25})
 *       continues, and so does an unindented line followed by an indented one (the function of a
 *       frame, {@code created by ...}).
 * </ul>
 *
 * <p>Any other line begins an event, and closes an open block. The test reads the first bytes of
 * the line in place, and the next line's only for an exception header or in a Go block: nothing is
 * allocated per line.
 *
 * <p>Caution: not thread-safe; one instance per request, shown every non-blank plain-text line of
 * it in order, and {@link #reset()} at every line that is not plain text.
 */
final class StackTraceLines {

  /** Most lines in one joined event; the next continuation begins a new event. */
  static final int MAX_LINES = 500;

  private static final int NONE = 0;
  private static final int PYTHON = 1;
  private static final int GO = 2;

  private static final byte[] AT = ascii("at ");
  private static final byte[] CAUSED_BY = ascii("Caused by: ");
  private static final byte[] SUPPRESSED = ascii("Suppressed: ");
  private static final byte[] END_OF = ascii("--- End of ");
  private static final byte[] INNER = ascii("---> ");
  private static final byte[] TRACEBACK = ascii("Traceback (most recent call last):");
  private static final byte[] DURING = ascii("During handling of the above exception");
  private static final byte[] ABOVE = ascii("The above exception was the direct cause");
  private static final byte[] GOROUTINE = ascii("goroutine ");
  private static final byte[] SIGNAL = ascii("[signal ");
  private static final byte[] CREATED_BY = ascii("created by ");

  private int block = NONE;

  /** Forgets an open Python or Go block: the line before was not plain text. */
  void reset() {
    block = NONE;
  }

  /**
   * Whether the non-blank line at {@code [start, stop)} of {@code body} continues the event before
   * it; the body ends at {@code length} (the next line may be read). Remembers the block the line
   * opens or closes.
   */
  boolean continues(byte[] body, int start, int stop, int length) {
    int first = start;
    while (first < stop && (body[first] == ' ' || body[first] == '\t')) {
      first++;
    }
    if (first == stop) {
      return false;
    }
    boolean indented = first > start;
    int open = block;
    block = NONE;
    if (indented) {
      if (startsWith(body, first, stop, AT)) {
        return true;
      }
      if (open != NONE) {
        block = open;
        return true;
      }
      if (startsWith(body, first, stop, INNER)) {
        return true;
      }
    }
    switch (body[first]) {
      case '.' -> {
        if (isMoreFrames(body, first, stop)) {
          return true;
        }
      }
      case 'C' -> {
        if (startsWith(body, first, stop, CAUSED_BY)) {
          return true;
        }
      }
      case 'S' -> {
        if (startsWith(body, first, stop, SUPPRESSED)) {
          return true;
        }
      }
      case '-' -> {
        if (startsWith(body, first, stop, END_OF)) {
          return true;
        }
      }
      case 'T', 'D' -> {
        if (startsWith(body, first, stop, TRACEBACK) || startsWith(body, first, stop, DURING)
            || startsWith(body, first, stop, ABOVE)) {
          block = PYTHON;
          return true;
        }
      }
      case 'g' -> {
        if (isGoroutine(body, first, stop)) {
          block = GO;
          return true;
        }
      }
      case '[' -> {
        if (startsWith(body, first, stop, SIGNAL)) {
          block = open;
          return true;
        }
      }
      default -> {
        // not a marker
      }
    }
    if (open == PYTHON && !indented && typeNameEnd(body, first, stop, false) >= 0) {
      return true; // the exception that ends a traceback; the block is closed
    }
    if (open == GO && (nextLineIndented(body, stop, length)
        || startsWith(body, first, stop, CREATED_BY))) {
      block = GO;
      return true;
    }
    return typeNameEnd(body, first, stop, true) >= 0 && nextLineIsFrame(body, stop, length);
  }

  /** {@code ... 12 more} (Java) or {@code ... 12 common frames omitted} (logback). */
  private static boolean isMoreFrames(byte[] body, int at, int stop) {
    return at + 5 <= stop && body[at + 1] == '.' && body[at + 2] == '.' && body[at + 3] == ' '
        && isDigit(body[at + 4]);
  }

  /** {@code goroutine 1 [running]:}. */
  private static boolean isGoroutine(byte[] body, int at, int stop) {
    if (!startsWith(body, at, stop, GOROUTINE)) {
      return false;
    }
    int i = at + GOROUTINE.length;
    int digits = i;
    while (i < stop && isDigit(body[i])) {
      i++;
    }
    return i > digits && i + 1 < stop && body[i] == ' ' && body[i + 1] == '[';
  }

  /**
   * Where a type name at the start of a line ends, at a {@code :} or the end of the line, or -1 when
   * the line does not begin so ({@code ValueError: x}, {@code java.lang.IllegalStateException}).
   * With {@code dotted}, the name must hold a dot.
   */
  private static int typeNameEnd(byte[] body, int at, int stop, boolean dotted) {
    if (!isLetter(body[at]) && body[at] != '_') {
      return -1;
    }
    boolean dot = false;
    int i = at + 1;
    while (i < stop) {
      byte b = body[i];
      if (b == '.') {
        if (body[i - 1] == '.') {
          return -1;
        }
        dot = true;
      } else if (!isLetter(b) && !isDigit(b) && b != '_' && b != '$') {
        break;
      }
      i++;
    }
    if (body[i - 1] == '.' || (dotted && !dot)) {
      return -1;
    }
    return i == stop || body[i] == ':' ? i : -1;
  }

  /**
   * Whether the line after the one ending at {@code stop} is an indented {@code at } frame, or an
   * indented {@code ---> } (.NET's inner exception).
   */
  private static boolean nextLineIsFrame(byte[] body, int stop, int length) {
    int next = nextLine(body, stop, length);
    int i = next;
    while (i < length && (body[i] == ' ' || body[i] == '\t')) {
      i++;
    }
    return i > next && (startsWith(body, i, length, AT) || startsWith(body, i, length, INNER));
  }

  /** Whether the line after the one ending at {@code stop} begins with a tab or a space. */
  private static boolean nextLineIndented(byte[] body, int stop, int length) {
    int next = nextLine(body, stop, length);
    return next < length && (body[next] == '\t' || body[next] == ' ');
  }

  private static int nextLine(byte[] body, int stop, int length) {
    int i = stop;
    while (i < length && body[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  private static boolean startsWith(byte[] body, int at, int stop, byte[] prefix) {
    if (stop - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
