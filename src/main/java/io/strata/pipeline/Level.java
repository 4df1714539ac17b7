package io.strata.pipeline;

/** Normalized severity of a log event, ordered from least to most severe. */
public enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL;

  // Plain-text tokens are only looked for near the start, where loggers put the level.
  private static final int PLAIN_TEXT_SCAN_LIMIT = 200;
  // values() clones its array on every call.
  private static final Level[] BY_ORDINAL = values();

  /** Maps a level name, alias or numeric level, ignoring case and surrounding blanks; else null. */
  public static Level fromText(CharSequence s) {
    if (s == null) {
      return null;
    }
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    int len = to - from;
    if (len == 0) {
      return null;
    }
    char first = s.charAt(from);
    if (first >= '0' && first <= '9') {
      return fromDigits(s, from, to);
    }
    if (len == 1) {
      return switch (first | 0x20) {
        case 't', 'v' -> TRACE;
        case 'd' -> DEBUG;
        case 'i', 'n' -> INFO;
        case 'w' -> WARN;
        case 'e' -> ERROR;
        case 'f', 'c', 'a' -> FATAL;
        default -> null;
      };
    }
    // Dispatching on the first letter keeps each lookup to a handful of comparisons.
    return switch (first | 0x20) {
      case 't' -> is(s, from, len, "trace") || is(s, from, len, "trc") ? TRACE : null;
      case 'v' -> is(s, from, len, "verbose") ? TRACE : null;
      case 'd' -> is(s, from, len, "debug") || is(s, from, len, "dbg") ? DEBUG : null;
      case 'i' -> is(s, from, len, "info") || is(s, from, len, "information")
          || is(s, from, len, "informational") ? INFO : null;
      case 'n' -> is(s, from, len, "notice") ? INFO : null;
      case 'w' -> is(s, from, len, "warn") || is(s, from, len, "warning") ? WARN : null;
      case 'e' -> is(s, from, len, "error") || is(s, from, len, "err") ? ERROR
          : is(s, from, len, "emerg") || is(s, from, len, "emergency") ? FATAL : null;
      case 's' -> is(s, from, len, "severe") ? ERROR : null;
      case 'f' -> is(s, from, len, "fatal") ? FATAL
          : is(s, from, len, "fine") ? DEBUG
          : is(s, from, len, "finer") || is(s, from, len, "finest") ? TRACE : null;
      case 'c' -> is(s, from, len, "critical") || is(s, from, len, "crit") ? FATAL
          : is(s, from, len, "config") ? DEBUG : null;
      case 'a' -> is(s, from, len, "alert") ? FATAL : null;
      case 'p' -> is(s, from, len, "panic") ? FATAL : null;
      default -> null;
    };
  }

  /** Maps a syslog severity (0-7) or a pino/bunyan level (10-69); null otherwise. */
  public static Level fromNumber(long n) {
    if (n >= 0 && n <= 7) {
      return n <= 2 ? FATAL : n == 3 ? ERROR : n == 4 ? WARN : n <= 6 ? INFO : DEBUG;
    }
    if (n >= 10 && n <= 69) {
      return BY_ORDINAL[(int) (n / 10) - 1];
    }
    return null;
  }

  /** Maps an OpenTelemetry SeverityNumber (1-24) to its level range; null otherwise. */
  public static Level fromOtelSeverityNumber(long n) {
    return n >= 1 && n <= 24 ? BY_ORDINAL[(int) ((n - 1) / 4)] : null;
  }

  /** Finds the first whole-word uppercase level token in a line's first 200 chars, or null. */
  public static Level findInPlainText(CharSequence line) {
    if (line == null) {
      return null;
    }
    int length = line.length();
    int limit = Math.min(length, PLAIN_TEXT_SCAN_LIMIT);
    int i = 0;
    while (i < limit) {
      if (!isLetter(line.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i <= limit && i < length && isLetter(line.charAt(i))) {
        i++;
      }
      if (i > limit) {
        return null;
      }
      Level level = token(line, start, i - start);
      if (level != null) {
        return level;
      }
    }
    return null;
  }

  private static Level token(CharSequence s, int from, int len) {
    return switch (len) {
      case 3 -> matches(s, from, "ERR") ? ERROR : null;
      case 4 -> matches(s, from, "INFO") ? INFO : matches(s, from, "WARN") ? WARN : null;
      case 5 -> switch (s.charAt(from)) {
        case 'T' -> matches(s, from, "TRACE") ? TRACE : null;
        case 'D' -> matches(s, from, "DEBUG") ? DEBUG : null;
        case 'E' -> matches(s, from, "ERROR") ? ERROR : null;
        case 'F' -> matches(s, from, "FATAL") ? FATAL : null;
        default -> null;
      };
      case 6 -> matches(s, from, "SEVERE") ? ERROR : matches(s, from, "NOTICE") ? INFO : null;
      case 7 -> matches(s, from, "WARNING") ? WARN : null;
      case 8 -> matches(s, from, "CRITICAL") ? FATAL : null;
      default -> null;
    };
  }

  private static Level fromDigits(CharSequence s, int from, int to) {
    // Anything longer cannot be a level and could overflow.
    if (to - from > 9) {
      return null;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      n = n * 10 + (c - '0');
    }
    return fromNumber(n);
  }

  /** Compares case-insensitively against a lowercase ASCII alias. */
  private static boolean is(CharSequence s, int from, int len, String alias) {
    if (len != alias.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if ((s.charAt(from + k) | 0x20) != alias.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(CharSequence s, int from, String upper) {
    for (int k = 0; k < upper.length(); k++) {
      if (s.charAt(from + k) != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return c < 128 ? (char) ((c | 0x20) - 'a') < 26 : Character.isLetter(c);
  }
}
