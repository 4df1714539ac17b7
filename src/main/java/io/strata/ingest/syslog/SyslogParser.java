package io.strata.ingest.syslog;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one syslog message, told apart by its header: RFC 5424 ({@code <PRI>1 TIMESTAMP HOSTNAME
 * APP-NAME PROCID MSGID STRUCTURED-DATA MSG}) when a version follows the priority, RFC 3164 ({@code
 * <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG}) otherwise.
 *
 * <p>RFC 5424 headers are read strictly (a missing field or broken structured data rejects the
 * message), RFC 3164 leniently as its section 4.3 asks of a receiver: without a recognisable
 * stamp the whole rest is the message; a stamp may also be RFC 3339 (rsyslog's high-precision
 * forwarding format). A message without a valid {@code <PRI>} is not syslog and is rejected.
 */
final class SyslogParser {

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
  private static final long DAY_MILLIS = 86_400_000L;
  private static final int MAX_TAG = 48;

  private final ZoneId zone;

  /** A parser that reads RFC 3164 stamps, which carry no zone, as times in {@code zone}. */
  SyslogParser(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * Parses {@code text} (one message, without its framing) received at {@code receivedAtMillis},
   * which decides the year of an RFC 3164 stamp; throws {@link SyslogFormatException}.
   */
  SyslogMessage parse(String text, long receivedAtMillis) {
    String s = trimEnd(text);
    if (s.isEmpty() || s.charAt(0) != '<') {
      throw new SyslogFormatException("does not start with a <PRI> priority");
    }
    int close = s.indexOf('>');
    if (close < 2 || close > 4) {
      throw new SyslogFormatException("invalid <PRI> priority");
    }
    int pri = 0;
    for (int i = 1; i < close; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SyslogFormatException("invalid <PRI> priority");
      }
      pri = pri * 10 + (c - '0');
    }
    if (pri > 191) {
      throw new SyslogFormatException("priority " + pri + " is over 191");
    }
    int p = close + 1;
    int version = versionAt(s, p);
    if (version > 0) {
      return rfc5424(s, p + Integer.toString(version).length() + 1, pri, version);
    }
    return rfc3164(s, p, pri, receivedAtMillis);
  }

  /** The RFC 5424 VERSION at {@code p} followed by a space, or 0. */
  private static int versionAt(String s, int p) {
    int end = p;
    while (end < s.length() && end - p < 3 && isDigit(s.charAt(end))) {
      end++;
    }
    if (end == p || s.charAt(p) == '0' || end >= s.length() || s.charAt(end) != ' ') {
      return 0;
    }
    return Integer.parseInt(s, p, end, 10);
  }

  private static SyslogMessage rfc5424(String s, int start, int pri, int version) {
    Cursor c = new Cursor(s, start);
    String timestamp = nil(c.field("TIMESTAMP"));
    String hostname = nil(c.field("HOSTNAME"));
    String appName = nil(c.field("APP-NAME"));
    String procId = nil(c.field("PROCID"));
    String msgId = nil(c.field("MSGID"));
    Map<String, List<String>> sd = structuredData(c);
    String message = null;
    if (c.pos < s.length()) {
      if (s.charAt(c.pos) != ' ') {
        throw new SyslogFormatException("no space after STRUCTURED-DATA at column " + (c.pos + 1));
      }
      message = stripBom(s.substring(c.pos + 1));
    }
    return new SyslogMessage(pri / 8, pri % 8, version, timestamp, hostname, appName, procId, msgId,
        sd, message == null ? "" : message);
  }

  private static Map<String, List<String>> structuredData(Cursor c) {
    String s = c.s;
    if (c.pos >= s.length()) {
      throw new SyslogFormatException("STRUCTURED-DATA is missing");
    }
    if (s.charAt(c.pos) == '-') {
      c.pos++;
      return Map.of();
    }
    Map<String, List<String>> sd = new LinkedHashMap<>();
    while (c.pos < s.length() && s.charAt(c.pos) == '[') {
      c.pos++;
      String id = c.name("SD-ID", ' ', ']');
      StringBuilder value = new StringBuilder();
      while (c.pos < s.length() && s.charAt(c.pos) == ' ') {
        c.pos++;
        String param = c.name("PARAM-NAME", '=', '=');
        if (!c.eat('=') || !c.eat('"')) {
          throw c.malformed("expected =\" after " + param);
        }
        value.setLength(0);
        while (true) {
          if (c.pos >= s.length()) {
            throw c.malformed("unterminated value of " + id + " " + param);
          }
          char ch = s.charAt(c.pos++);
          if (ch == '"') {
            break;
          }
          if (ch == '\\' && c.pos < s.length()) {
            char next = s.charAt(c.pos);
            // Only these three are escapes (RFC 5424 6.3.3); any other backslash is kept as sent.
            if (next == '"' || next == '\\' || next == ']') {
              ch = next;
              c.pos++;
            }
          }
          value.append(ch);
        }
        sd.computeIfAbsent("sd." + id + "." + param, k -> new ArrayList<>(1)).add(value.toString());
      }
      if (!c.eat(']')) {
        throw c.malformed("expected ] to close SD-ELEMENT " + id);
      }
    }
    if (sd.isEmpty()) {
      throw c.malformed("STRUCTURED-DATA must be - or [SD-ELEMENT]");
    }
    return sd;
  }

  private SyslogMessage rfc3164(String s, int p, int pri, long receivedAtMillis) {
    String timestamp = null;
    int end = legacyStampEnd(s, p);
    if (end > 0) {
      timestamp = legacyStamp(s, p, end, receivedAtMillis);
    } else {
      end = isoStampEnd(s, p);
      if (end > 0) {
        timestamp = isoStamp(s.substring(p, end));
      }
    }
    if (timestamp == null) {
      // RFC 3164 4.3.2: without a valid stamp, everything after the PRI is the message.
      return new SyslogMessage(pri / 8, pri % 8, 0, null, null, null, null, null, Map.of(),
          s.substring(p));
    }
    p = skipSpaces(s, end);
    String hostname = null;
    int space = s.indexOf(' ', p);
    String token = s.substring(p, space < 0 ? s.length() : space);
    if (!token.isEmpty() && !token.endsWith(":") && token.indexOf('[') < 0) {
      hostname = token;
      p = space < 0 ? s.length() : space + 1;
    }
    String tag = null;
    String pid = null;
    int t = p;
    while (t < s.length() && t - p < MAX_TAG && " :[".indexOf(s.charAt(t)) < 0) {
      t++;
    }
    int after = -1;
    if (t > p && t < s.length() && s.charAt(t) == '[') {
      int closing = s.indexOf(']', t);
      if (closing > t) {
        pid = s.substring(t + 1, closing);
        after = closing + 1 < s.length() && s.charAt(closing + 1) == ':' ? closing + 2 : closing + 1;
      }
    } else if (t > p && t < s.length() && s.charAt(t) == ':') {
      after = t + 1;
    }
    if (after > 0) {
      tag = s.substring(p, t);
      p = after < s.length() && s.charAt(after) == ' ' ? after + 1 : after;
    }
    return new SyslogMessage(pri / 8, pri % 8, 0, timestamp, hostname, tag,
        pid == null || pid.isEmpty() ? null : pid, null, Map.of(), s.substring(Math.min(p, s.length())));
  }

  /** The end of an {@code Mmm dd hh:mm:ss[.fff]} stamp at {@code p}, or -1. */
  private static int legacyStampEnd(String s, int p) {
    if (s.length() < p + 15 || s.charAt(p + 3) != ' ' || s.charAt(p + 6) != ' '
        || s.charAt(p + 9) != ':' || s.charAt(p + 12) != ':') {
      return -1;
    }
    int month = MONTHS.indexOf(s.substring(p, p + 3));
    if (month < 0 || month % 3 != 0) {
      return -1;
    }
    int end = p + 15;
    if (end < s.length() && s.charAt(end) == '.') {
      end++;
      while (end < s.length() && isDigit(s.charAt(end))) {
        end++;
      }
    }
    return end == s.length() || s.charAt(end) == ' ' ? end : -1;
  }

  /**
   * The stamp as RFC 3339: the year is the one of the receive time, or the year before when that
   * would put the event more than a day ahead (a December line read in January).
   */
  private String legacyStamp(String s, int p, int end, long receivedAtMillis) {
    int month = MONTHS.indexOf(s.substring(p, p + 3)) / 3 + 1;
    int day = s.charAt(p + 4) == ' ' ? digit(s.charAt(p + 5))
        : digit(s.charAt(p + 4)) * 10 + digit(s.charAt(p + 5));
    int hour = digit(s.charAt(p + 7)) * 10 + digit(s.charAt(p + 8));
    int minute = digit(s.charAt(p + 10)) * 10 + digit(s.charAt(p + 11));
    int second = digit(s.charAt(p + 13)) * 10 + digit(s.charAt(p + 14));
    int nanos = 0;
    if (end > p + 16) {
      String fraction = (s.substring(p + 16, end) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(fraction);
    }
    try {
      int year = java.time.Instant.ofEpochMilli(receivedAtMillis).atZone(zone).getYear();
      OffsetDateTime time = LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .atZone(zone).toOffsetDateTime();
      if (time.toInstant().toEpochMilli() - receivedAtMillis > DAY_MILLIS) {
        time = LocalDateTime.of(year - 1, month, day, hour, minute, second, nanos).atZone(zone)
            .toOffsetDateTime();
      }
      return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The end of a token at {@code p} that looks like an RFC 3339 stamp ({@code 2024-}), or -1. */
  private static int isoStampEnd(String s, int p) {
    if (s.length() < p + 19 || s.charAt(p + 4) != '-' || !isDigit(s.charAt(p))) {
      return -1;
    }
    int space = s.indexOf(' ', p);
    return space < 0 ? s.length() : space;
  }

  private String isoStamp(String token) {
    try {
      return OffsetDateTime.parse(token).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(token).atZone(zone).toOffsetDateTime()
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static String nil(String field) {
    return field.equals("-") ? null : field;
  }

  private static String stripBom(String msg) {
    return !msg.isEmpty() && msg.charAt(0) == '\uFEFF' ? msg.substring(1) : msg;
  }

  /** Drops the line end and NUL trailer that some senders leave inside a frame. */
  private static String trimEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r'
        || s.charAt(end - 1) == '\0')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  private static int skipSpaces(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digit(char c) {
    return isDigit(c) ? c - '0' : -100;
  }

  /** A read position in an RFC 5424 header. */
  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s, int pos) {
      this.s = s;
      this.pos = pos;
    }

    /** A header field followed by a space. */
    String field(String name) {
      int space = s.indexOf(' ', pos);
      if (space <= pos) {
        throw new SyslogFormatException("incomplete RFC 5424 header: no " + name + " followed by a"
            + " space");
      }
      String value = s.substring(pos, space);
      pos = space + 1;
      return value;
    }

    /** An SD-NAME: printable US-ASCII up to {@code stop} or {@code stop2}. */
    String name(String what, char stop, char stop2) {
      int start = pos;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == stop || ch == stop2 || ch == ']' || ch == '"' || ch == '=' || ch <= ' '
            || ch > '~') {
          break;
        }
        pos++;
      }
      if (pos == start || pos - start > 32) {
        throw malformed("invalid " + what);
      }
      return s.substring(start, pos);
    }

    boolean eat(char ch) {
      if (pos < s.length() && s.charAt(pos) == ch) {
        pos++;
        return true;
      }
      return false;
    }

    SyslogFormatException malformed(String what) {
      return new SyslogFormatException("malformed STRUCTURED-DATA at column " + (pos + 1) + ": "
          + what);
    }
  }
}
