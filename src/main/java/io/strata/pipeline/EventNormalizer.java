package io.strata.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns one event as sent (a JSON object or a plain-text line) into the event model: event time,
 * level, message, the well-known fields found under their usual aliases, and every other value as a
 * flat dotted attribute.
 *
 * <p>Normalisation is deterministic for the same bytes and ingest time, so the indexer and the search
 * path (which rebuilds events from the stored original) always agree.
 *
 * <p>Caution: an instance keeps reusable buffers and is not thread-safe; use one per thread.
 */
public final class EventNormalizer {

  /** An event sent as a JSON object. */
  public static final byte KIND_JSON = 0;

  /** An event sent as a line of plain text. */
  public static final byte KIND_TEXT = 1;

  /** The field that marks a plain-text event whose line began like a JSON object but is not one. */
  public static final String TAGS = "tags";

  /** The tag of {@link #TAGS} for such an event, as Logstash names it. */
  public static final String JSON_PARSE_FAILURE = "_jsonparsefailure";

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte T_STRING = 0;
  private static final byte T_INT = 1;
  private static final byte T_FLOAT = 2;
  private static final byte T_BOOL = 3;
  private static final Canonical[] CANONICALS = Canonical.values();

  /** A future tolerance that keeps every event time as found, however far ahead. */
  public static final long NO_FUTURE_LIMIT = Long.MAX_VALUE;

  /** The future tolerance by default: a day, as Splunk's MAX_DAYS_HENCE. */
  public static final long DEFAULT_FUTURE_TOLERANCE_NANOS = 86_400_000_000_000L;

  private final long futureToleranceNanos;
  private String[] names = new String[32];
  private String[] texts = new String[32];
  private byte[] types = new byte[32];
  private long[] longs = new long[32];
  private double[] doubles = new double[32];
  private Canonical.Alias[] aliases = new Canonical.Alias[32];
  private boolean[] used = new boolean[32];
  private int count;
  private final StringBuilder path = new StringBuilder(64);
  private String topLevelName;
  private final int[] winner = new int[CANONICALS.length];

  /** A normaliser with the default future tolerance of a day. */
  public EventNormalizer() {
    this(DEFAULT_FUTURE_TOLERANCE_NANOS);
  }

  /**
   * A normaliser that indexes an event stamped more than {@code futureToleranceNanos} ahead of its
   * ingest time at its ingest time, and keeps the stamp found in {@link
   * EventFields#TIMESTAMP_ORIGINAL}.
   */
  public EventNormalizer(long futureToleranceNanos) {
    this.futureToleranceNanos = futureToleranceNanos;
  }

  /** Normalises {@code len} bytes at {@code off} of {@code buf}, an event of the given kind. */
  public void normalize(byte kind, byte[] buf, int off, int len, long ingestedAtMillis,
      EventSink sink) throws IOException {
    if (kind == KIND_TEXT) {
      normalizeText(new String(buf, off, len, StandardCharsets.UTF_8), ingestedAtMillis, sink);
    } else {
      normalizeJson(buf, off, len, ingestedAtMillis, sink);
    }
  }

  private void normalizeText(String line, long ingestedAtMillis, EventSink sink) {
    long nanos = PlainTextTimestamp.find(line, ingestedAtMillis);
    emitTimes(nanos == PlainTextTimestamp.NONE ? ingestedAtMillis * 1_000_000L : nanos,
        ingestedAtMillis, sink);
    Level level = Level.findInPlainText(line);
    if (level != null) {
      sink.level(level, null);
    }
    sink.message(stripLineEnd(line));
    if (startsLikeJson(line)) {
      // Logstash's json filter tags the same failure so: a broken shipper stays findable (#13).
      sink.keyword(TAGS, JSON_PARSE_FAILURE);
    }
  }

  /** Whether a plain-text line begins with '{': the line was meant as JSON, and is not. */
  private static boolean startsLikeJson(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\uFEFF') {
        return c == '{';
      }
    }
    return false;
  }

  private void normalizeJson(byte[] buf, int off, int len, long ingestedAtMillis, EventSink sink)
      throws IOException {
    count = 0;
    path.setLength(0);
    try (JsonParser parser = JSON.createParser(buf, off, len)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an event must be a JSON object");
      }
      readObject(parser);
    }
    Arrays.fill(winner, -1);
    for (int i = 0; i < count; i++) {
      Canonical.Alias alias = aliases[i];
      if (alias != null && alias.target() != Canonical.TIMESTAMP) {
        int current = winner[alias.target().ordinal()];
        if (current < 0 || aliases[current].rank() > alias.rank()) {
          winner[alias.target().ordinal()] = i;
        }
      }
    }
    Arrays.fill(used, 0, count, false);
    emitTimes(chooseTimestamp(ingestedAtMillis), ingestedAtMillis, sink);
    emitLevel(sink);
    int message = winner[Canonical.MESSAGE.ordinal()];
    if (message >= 0) {
      used[message] = true;
      sink.message(stripLineEnd(texts[message]));
    }
    for (Canonical canonical : CANONICALS) {
      int i = winner[canonical.ordinal()];
      if (i >= 0 && !used[i] && canonical != Canonical.LEVEL && canonical != Canonical.MESSAGE) {
        used[i] = true;
        sink.keyword(canonical.field, texts[i]);
        keepSentName(i, canonical, sink);
      }
    }
    for (int i = 0; i < count; i++) {
      if (!used[i]) {
        emitAttribute(i, sink);
      }
    }
  }

  /**
   * Reports the event and ingest times. A stamp too far ahead comes from a skewed clock or a
   * misread zone, and would hide the event in a future day index until that day (#13): it is indexed
   * at its ingest time, and the stamp is kept beside it.
   */
  private void emitTimes(long nanos, long ingestedAtMillis, EventSink sink) {
    long ingestNanos = ingestedAtMillis * 1_000_000L;
    // Compared only when ahead, so that the difference cannot overflow.
    boolean tooFarAhead = nanos > ingestNanos && nanos - ingestNanos > futureToleranceNanos;
    sink.timestamp(tooFarAhead ? ingestNanos : nanos);
    sink.ingestedAt(ingestedAtMillis);
    if (tooFarAhead) {
      sink.keyword(EventFields.TIMESTAMP_ORIGINAL, TimestampParser.format(nanos));
    }
  }

  /** Tries the timestamp candidates best rank first; one that does not parse stays an attribute. */
  private long chooseTimestamp(long ingestedAtMillis) {
    while (true) {
      int best = -1;
      for (int i = 0; i < count; i++) {
        if (!used[i] && aliases[i] != null && aliases[i].target() == Canonical.TIMESTAMP
            && (best < 0 || aliases[i].rank() < aliases[best].rank())) {
          best = i;
        }
      }
      if (best < 0) {
        return ingestedAtMillis * 1_000_000L;
      }
      long nanos = switch (types[best]) {
        case T_STRING -> TimestampParser.parseText(texts[best]);
        case T_INT -> TimestampParser.parseNumber(longs[best]);
        case T_FLOAT -> TimestampParser.parseNumber(doubles[best]);
        default -> Long.MIN_VALUE;
      };
      used[best] = true;
      if (nanos != Long.MIN_VALUE) {
        return nanos;
      }
      // Unparseable: keep it as an attribute, and look at the next candidate.
      aliases[best] = null;
      used[best] = false;
    }
  }

  private void emitLevel(EventSink sink) {
    int i = winner[Canonical.LEVEL.ordinal()];
    if (i < 0) {
      return;
    }
    used[i] = true;
    String name = names[i];
    boolean otel = name.equals("severity_number") || name.equals("severityNumber");
    Level level = switch (types[i]) {
      case T_INT -> otel ? Level.fromOtelSeverityNumber(longs[i]) : Level.fromNumber(longs[i]);
      case T_STRING -> otel ? otelLevel(texts[i]) : Level.fromText(texts[i]);
      default -> null;
    };
    String original = texts[i];
    sink.level(level, level != null && level.name().equals(original) ? null : original);
    keepSentName(i, Canonical.LEVEL, sink);
  }

  /**
   * Also reports the value of a well-known field under the name it was sent with ({@code app},
   * {@code severity}, {@code host.name}), so that a search by that name finds it (#13). Not for the
   * message, which bare words search and which would double the index as an exact term.
   */
  private void keepSentName(int i, Canonical canonical, EventSink sink) {
    if (!names[i].equals(canonical.field)) {
      emitAttribute(i, sink);
    }
  }

  /** A SeverityNumber sent as a string ("17") keeps its OpenTelemetry meaning. */
  private static Level otelLevel(String text) {
    try {
      return Level.fromOtelSeverityNumber(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Level.fromText(text);
    }
  }

  private void emitAttribute(int i, EventSink sink) {
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

  private void readObject(JsonParser parser) throws IOException {
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

  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
