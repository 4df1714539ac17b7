package io.strata.parsing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named patterns a parsing rule can use as {@code %{NAME}} or {@code %{NAME:field}}: the
 * building blocks of the log lines seen most (numbers, addresses, paths, the stamps of the common
 * servers and runtimes, levels). A definition may use other names; {@link GrokPattern} expands them.
 *
 * <p>The definitions are written for Java's regex engine and for bounded backtracking: runs of a
 * character class rather than nested quantifiers, so that a line that almost matches fails fast.
 */
public final class GrokLibrary {

  /** Names whose capture is a number unless the rule asks for text ({@code :string}). */
  static final Set<String> NUMERIC = Set.of("INT", "POSINT", "NONNEGINT", "NUMBER", "BASE10NUM");

  private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

  static {
    // Text
    define("WORD", "\\b\\w+\\b");
    define("NOTSPACE", "\\S+");
    define("SPACE", "\\s*");
    define("DATA", ".*?");
    define("GREEDY", ".*");
    define("GREEDYDATA", ".*");
    define("QUOTEDSTRING", "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    define("QS", "%{QUOTEDSTRING}");
    define("UUID", "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}");
    define("USERNAME", "[a-zA-Z0-9._-]+");
    define("USER", "%{USERNAME}");
    define("EMAILADDRESS", "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9.-]+");
    define("JAVACLASS", "(?:[a-zA-Z$_][a-zA-Z$_0-9]*\\.)*[a-zA-Z$_][a-zA-Z$_0-9]*");
    define("LEVEL", "(?i:TRACE|TRC|VERBOSE|DEBUG|DBG|INFO|INFORMATION|NOTICE|WARN|WARNING|ERROR"
        + "|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERG|EMERGENCY|PANIC|FINE|FINER|FINEST|CONFIG"
        + "|[TDIWEFC])\\b");
    define("LOGLEVEL", "%{LEVEL}");
    // Numbers
    define("INT", "[+-]?\\d+");
    define("POSINT", "\\b[1-9]\\d*\\b");
    define("NONNEGINT", "\\b\\d+\\b");
    define("NUMBER", "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    define("BASE10NUM", "%{NUMBER}");
    define("BASE16NUM", "(?:0[xX])?[0-9A-Fa-f]+");
    // Network
    define("IPV4", "(?<![0-9])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)"
        + "(?![0-9])");
    define("IPV6", "(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[0-9A-Za-z]+)?");
    define("IP", "%{IPV6}|%{IPV4}");
    define("HOSTNAME", "\\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*"
        + "\\.?\\b");
    define("IPORHOST", "%{IP}|%{HOSTNAME}");
    define("HOSTPORT", "%{IPORHOST}:%{POSINT}");
    define("MAC", "(?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}");
    // Web
    define("PATH", "(?:/[^\\s?#]*)+|(?:[A-Za-z]:)?(?:\\\\[^\\s\\\\]*)+");
    define("URIPATH", "/[^\\s?#]*");
    define("URIPARAM", "\\?[^\\s#]*");
    define("URIPATHPARAM", "%{URIPATH}(?:%{URIPARAM})?");
    define("URI", "[A-Za-z][A-Za-z0-9+.-]*://[^\\s]+");
    define("HTTPMETHOD", "GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|PROPFIND|MKCOL");
    // Time parts
    define("YEAR", "\\d\\d(?:\\d\\d)?");
    define("MONTHNUM", "0?[1-9]|1[0-2]");
    define("MONTHDAY", "(?:0[1-9]|[12]\\d|3[01]|[1-9])");
    define("MONTH", "\\b(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
        + "|Aug(?:ust)?|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b");
    define("DAY", "(?i:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?"
        + "|Sat(?:urday)?|Sun(?:day)?)");
    define("HOUR", "2[0-3]|[01]?\\d");
    define("MINUTE", "[0-5]\\d");
    define("SECOND", "(?:[0-5]?\\d|60)(?:[.,]\\d+)?");
    define("TIME", "%{HOUR}:%{MINUTE}(?::%{SECOND})?");
    define("ISO8601_TIMEZONE", "Z|[+-]%{HOUR}(?::?%{MINUTE})?");
    define("DATE_US", "%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}");
    define("DATE_EU", "%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}");
    define("DATE", "%{DATE_US}|%{DATE_EU}");
    // Whole stamps
    define("TIMESTAMP_ISO8601", "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}"
        + "(?::?%{SECOND})?(?:%{ISO8601_TIMEZONE})?");
    define("HTTPDATE", "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} [+-]\\d{4}");
    define("SYSLOGTIMESTAMP", "%{MONTH} +%{MONTHDAY} %{TIME}");
    define("HTTPDERROR_DATE", "%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{YEAR}");
    define("EPOCH", "\\b1\\d{9}(?:\\d{3}|\\.\\d+)?\\b");
    define("TIMESTAMP", "%{TIMESTAMP_ISO8601}|%{HTTPDATE}|%{HTTPDERROR_DATE}|%{SYSLOGTIMESTAMP}"
        + "|%{EPOCH}");
  }

  private GrokLibrary() {}

  private static void define(String name, String regex) {
    PATTERNS.put(name, regex);
  }

  /** The definition of {@code name}, or null when the library has none. */
  static String definition(String name) {
    return PATTERNS.get(name);
  }

  /** Every name and its definition, in the library's order (for the console and the README). */
  public static Map<String, String> all() {
    return Collections.unmodifiableMap(PATTERNS);
  }
}
