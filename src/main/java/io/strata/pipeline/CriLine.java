package io.strata.pipeline;

/**
 * Reads the wrapper that Kubernetes' container runtimes (containerd, CRI-O) write around every line
 * of a container's output: {@code 2016-10-06T00:17:09.669794202Z stdout F actual log message}, an
 * RFC 3339 stamp, the stream, {@code F} for a full line or {@code P} for a partial one (the runtime
 * cut a long line into chunks, the last of which is {@code F}), then the line itself.
 *
 * <p>Both the native API (to join the chunks of a partial line) and {@link EventNormalizer} (to
 * unwrap the stored line) read lines with it, so they agree on what a CRI line is.
 *
 * <p>Caution: holds the parts of the last line read; reused from line to line, not thread-safe.
 */
public final class CriLine {

  /** The field the stream is reported under, as for a Docker json-file record. */
  public static final String STREAM = "stream";

  /** A longest stamp with nanoseconds and an offset, and some room. */
  private static final int STAMP_MAX = 40;
  /** {@code yyyy-mm-ddThh:mm:ssZ}, the shortest stamp. */
  private static final int STAMP_MIN = 20;

  private long nanos;
  private String stream;
  private boolean partial;
  private int contentStart;

  /**
   * Whether the characters from {@code from} to {@code to} of {@code s} are a CRI line (one line,
   * without its line end); if so, its parts are readable until the next call.
   */
  public boolean read(CharSequence s, int from, int to) {
    // The cheapest tests first: nearly every other line fails at its fifth or eleventh character.
    if (to - from < STAMP_MIN + 9 || s.charAt(from + 4) != '-' || s.charAt(from + 10) != 'T'
        || !isDigit(s.charAt(from))) {
      return false;
    }
    int space = from + STAMP_MIN - 1;
    int limit = Math.min(to, from + STAMP_MAX);
    while (space < limit && s.charAt(space) != ' ') {
      space++;
    }
    // "stdout F" or "stderr P" after the stamp, then a space before the line (or none if empty).
    int tag = space + 8;
    if (tag >= to || s.charAt(space) != ' ' || s.charAt(space + 7) != ' '
        || (tag + 1 < to && s.charAt(tag + 1) != ' ')) {
      return false;
    }
    String named = streamAt(s, space + 1);
    char flag = s.charAt(tag);
    if (named == null || (flag != 'F' && flag != 'P')) {
      return false;
    }
    long time = TimestampParser.parseText(s, from, space);
    if (time == TimestampParser.INVALID) {
      return false;
    }
    nanos = time;
    stream = named;
    partial = flag == 'P';
    contentStart = Math.min(tag + 2, to);
    return true;
  }

  /** The stamp of the line read, epoch nanoseconds. */
  public long nanos() {
    return nanos;
  }

  /** {@code stdout} or {@code stderr}. */
  public String stream() {
    return stream;
  }

  /** Whether the line read is a chunk that the next line of the same stream continues. */
  public boolean partial() {
    return partial;
  }

  /** Where the container's own line begins in the characters read. */
  public int contentStart() {
    return contentStart;
  }

  /**
   * The container's line that {@code text} holds, when {@link #read} has just found its first line
   * (up to {@code firstLineEnd}) a CRI line: the chunks of a partial line joined as the container
   * wrote them, and any other line (a stack trace joined to it) after a newline. Leaves this reader
   * on the first line.
   */
  String content(String text, int firstLineEnd) {
    if (firstLineEnd == text.length()) {
      return text.substring(contentStart, firstLineEnd);
    }
    long firstNanos = nanos;
    String firstStream = stream;
    boolean firstPartial = partial;
    StringBuilder content = new StringBuilder(text.length());
    content.append(text, contentStart, firstLineEnd);
    boolean joinNext = partial;
    int start = text.indexOf('\n', firstLineEnd) + 1;
    while (start > 0 && start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? 0 : end + 1;
      end = end < 0 ? text.length() : end;
      int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      if (read(text, start, stop)) {
        content.append(joinNext ? "" : "\n").append(text, contentStart, stop);
        joinNext = partial;
      } else {
        content.append('\n').append(text, start, stop);
        joinNext = false;
      }
      start = next;
    }
    nanos = firstNanos;
    stream = firstStream;
    partial = firstPartial;
    return content.toString();
  }

  private static String streamAt(CharSequence s, int i) {
    if (s.charAt(i) != 's' || s.charAt(i + 1) != 't' || s.charAt(i + 2) != 'd') {
      return null;
    }
    char a = s.charAt(i + 3);
    char b = s.charAt(i + 4);
    char c = s.charAt(i + 5);
    if (a == 'o' && b == 'u' && c == 't') {
      return "stdout";
    }
    return a == 'e' && b == 'r' && c == 'r' ? "stderr" : null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
