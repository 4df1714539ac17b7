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

  /** An event sent as a JSON object with its sender's document id ({@link DocumentIds}). */
  public static final byte KIND_JSON_WITH_ID = 2;

  /**
   * A line of plain text with a document id ({@link DocumentIds}): given by Strata to each event
   * of a request that carries an {@code Idempotency-Key}.
   */
  public static final byte KIND_TEXT_WITH_ID = 3;

  /** The field that marks a plain-text event whose line began like a JSON object but is not one. */
  public static final String TAGS = "tags";

  /** The tag of {@link #TAGS} for such an event, as Logstash names it. */
  public static final String JSON_PARSE_FAILURE = "_jsonparsefailure";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Canonical[] CANONICALS = Canonical.values();

  /** A future tolerance that keeps every event time as found, however far ahead. */
  public static final long NO_FUTURE_LIMIT = Long.MAX_VALUE;

  /** The future tolerance by default: a day, as Splunk's MAX_DAYS_HENCE. */
  public static final long DEFAULT_FUTURE_TOLERANCE_NANOS = 86_400_000_000_000L;

  private final long futureToleranceNanos;
  private final EventLeaves leaves = new EventLeaves();
  private final EmbeddedJson embeddedJson = new EmbeddedJson();
  private final CriLine cri = new CriLine();
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

  /** Whether events of {@code kind} carry a document id ({@link DocumentIds}). */
  public static boolean hasId(byte kind) {
    return kind == KIND_JSON_WITH_ID || kind == KIND_TEXT_WITH_ID;
  }

  /** The kind of an event of {@code kind} that carries a document id. */
  public static byte withId(byte kind) {
    return switch (kind) {
      case KIND_JSON, KIND_JSON_WITH_ID -> KIND_JSON_WITH_ID;
      case KIND_TEXT, KIND_TEXT_WITH_ID -> KIND_TEXT_WITH_ID;
      default -> throw new IllegalArgumentException("no event kind " + kind);
    };
  }

  /** Normalises {@code len} bytes at {@code off} of {@code buf}, an event of the given kind. */
  public void normalize(byte kind, byte[] buf, int off, int len, long ingestedAtMillis,
      EventSink sink) throws IOException {
    if (kind == KIND_TEXT) {
      normalizeText(new String(buf, off, len, StandardCharsets.UTF_8), ingestedAtMillis, sink);
    } else if (kind == KIND_TEXT_WITH_ID) {
      int text = DocumentIds.eventOffset(buf, off);
      normalizeText(new String(buf, text, len - (text - off), StandardCharsets.UTF_8),
          ingestedAtMillis, sink);
    } else if (kind == KIND_JSON_WITH_ID) {
      int json = DocumentIds.eventOffset(buf, off);
      normalizeJson(buf, json, len - (json - off), ingestedAtMillis, sink);
    } else {
      normalizeJson(buf, off, len, ingestedAtMillis, sink);
    }
  }

  /**
   * A plain-text event. A line a container runtime wrapped ({@link CriLine}) is unwrapped first:
   * the event is the container's line, at the runtime's stamp, with its stream.
   */
  private void normalizeText(String text, long ingestedAtMillis, EventSink sink) {
    int firstLineEnd = firstLineEnd(text);
    if (!cri.read(text, 0, firstLineEnd)) {
      normalizeLine(text, PlainTextTimestamp.NONE, ingestedAtMillis, sink);
      return;
    }
    String content = stripLineEnd(cri.content(text, firstLineEnd));
    String stream = cri.stream();
    // A container that logs JSON writes one object a line: that is a JSON event, as if sent so.
    if (!startsLikeJson(content) || !readWholeObject(content)) {
      normalizeLine(content, cri.nanos(), ingestedAtMillis, sink);
    } else {
      emitJsonEvent(cri.nanos(), ingestedAtMillis, sink);
    }
    sink.keyword(CriLine.STREAM, stream);
  }

  /**
   * A line of plain text (or several, joined): the message is the line, always; its time, level and
   * fields come from what the line says (#13): a leading stamp (unless {@code stampNanos} gives
   * the time), a logfmt line's pairs (with the same aliases as JSON), a JSON object ending the line
   * after a prefix (likewise), an access log line's request and status.
   */
  private void normalizeLine(String line, long stampNanos, long ingestedAtMillis,
      EventSink sink) {
    leaves.clear();
    boolean logfmt = LogfmtPairs.isLogfmt(line);
    boolean json = startsLikeJson(line);
    if (logfmt) {
      LogfmtPairs.read(line, leaves);
    } else if (!json) {
      embeddedJson.read(line, leaves);
    }
    resolveWinners();
    long nanos = stampNanos != PlainTextTimestamp.NONE ? stampNanos
        : PlainTextTimestamp.find(line, ingestedAtMillis);
    emitTimes(nanos != PlainTextTimestamp.NONE ? nanos : chooseTimestamp(ingestedAtMillis),
        ingestedAtMillis, sink);
    if (winner[Canonical.LEVEL.ordinal()] >= 0) {
      emitLevel(sink);
    } else {
      Level level = Level.findInPlainText(line);
      if (level != null) {
        sink.level(level, null);
      }
    }
    sink.message(stripLineEnd(line));
    // A logfmt msg= (or an embedded object's message) stays an attribute: the message is the line.
    emitFields(sink);
    if (!logfmt) {
      AccessLogFields.emit(line, sink);
    }
    if (json) {
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

  /** The end of the first line of {@code text}, before its line end. */
  private static int firstLineEnd(String text) {
    int end = text.indexOf('\n');
    if (end < 0) {
      return text.length();
    }
    return end > 0 && text.charAt(end - 1) == '\r' ? end - 1 : end;
  }

  /** Reads {@code text} into the leaves if it is exactly one JSON object; says whether. */
  private boolean readWholeObject(String text) {
    leaves.clear();
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        leaves.readObject(parser);
        if (parser.nextToken() == null) {
          return true;
        }
      }
    } catch (IOException e) {
      // Not JSON after all: the line is plain text.
    }
    leaves.clear();
    return false;
  }

  private void normalizeJson(byte[] buf, int off, int len, long ingestedAtMillis, EventSink sink)
      throws IOException {
    leaves.clear();
    try (JsonParser parser = JSON.createParser(buf, off, len)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an event must be a JSON object");
      }
      leaves.readObject(parser);
    }
    emitJsonEvent(PlainTextTimestamp.NONE, ingestedAtMillis, sink);
  }

  /**
   * Reports the event the leaves hold, as read from a JSON object; at {@code stampNanos} when
   * given, else at the time its fields say.
   */
  private void emitJsonEvent(long stampNanos, long ingestedAtMillis, EventSink sink) {
    resolveWinners();
    emitTimes(stampNanos != PlainTextTimestamp.NONE ? stampNanos
        : chooseTimestamp(ingestedAtMillis), ingestedAtMillis, sink);
    int message = winner[Canonical.MESSAGE.ordinal()];
    // Docker's json-file driver (and Fluent Bit's kubernetes records) wrap each line of a container
    // as {"log":"<line>\n","stream":...,"time":...}: the line is read as plain text would be (#13).
    String wrapped = message >= 0 && leaves.names[message].equals("log")
        ? stripLineEnd(leaves.texts[message]) : null;
    if (wrapped != null && winner[Canonical.LEVEL.ordinal()] < 0) {
      Level level = Level.findInPlainText(wrapped);
      if (level != null) {
        sink.level(level, null);
      }
    } else {
      emitLevel(sink);
    }
    if (message >= 0) {
      leaves.used[message] = true;
      sink.message(stripLineEnd(leaves.texts[message]));
    }
    emitFields(sink);
    if (wrapped != null) {
      AccessLogFields.emit(wrapped, sink);
    }
  }

  /** Picks the best-ranked leaf for each well-known field but the time; none is used yet. */
  private void resolveWinners() {
    Arrays.fill(winner, -1);
    for (int i = 0; i < leaves.count; i++) {
      Canonical.Alias alias = leaves.aliases[i];
      if (alias != null && alias.target() != Canonical.TIMESTAMP) {
        int current = winner[alias.target().ordinal()];
        if (current < 0 || leaves.aliases[current].rank() > alias.rank()) {
          winner[alias.target().ordinal()] = i;
        }
      }
    }
    Arrays.fill(leaves.used, 0, leaves.count, false);
  }

  /** Reports the well-known keyword fields, then every leaf not used yet as an attribute. */
  private void emitFields(EventSink sink) {
    for (Canonical canonical : CANONICALS) {
      int i = winner[canonical.ordinal()];
      if (i >= 0 && !leaves.used[i] && canonical != Canonical.LEVEL
          && canonical != Canonical.MESSAGE) {
        leaves.used[i] = true;
        sink.keyword(canonical.field, leaves.texts[i]);
        keepSentName(i, canonical, sink);
      }
    }
    for (int i = 0; i < leaves.count; i++) {
      if (!leaves.used[i]) {
        leaves.emitAttribute(i, sink);
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
      for (int i = 0; i < leaves.count; i++) {
        Canonical.Alias alias = leaves.aliases[i];
        if (!leaves.used[i] && alias != null && alias.target() == Canonical.TIMESTAMP
            && (best < 0 || alias.rank() < leaves.aliases[best].rank())) {
          best = i;
        }
      }
      if (best < 0) {
        return ingestedAtMillis * 1_000_000L;
      }
      long nanos = switch (leaves.types[best]) {
        case EventLeaves.T_STRING -> TimestampParser.parseText(leaves.texts[best]);
        case EventLeaves.T_INT -> TimestampParser.parseNumber(leaves.longs[best]);
        case EventLeaves.T_FLOAT -> TimestampParser.parseNumber(leaves.doubles[best]);
        default -> Long.MIN_VALUE;
      };
      leaves.used[best] = true;
      if (nanos != Long.MIN_VALUE) {
        return nanos;
      }
      // Unparseable: keep it as an attribute, and look at the next candidate.
      leaves.aliases[best] = null;
      leaves.used[best] = false;
    }
  }

  private void emitLevel(EventSink sink) {
    int i = winner[Canonical.LEVEL.ordinal()];
    if (i < 0) {
      return;
    }
    leaves.used[i] = true;
    String name = leaves.names[i];
    boolean otel = name.equals("severity_number") || name.equals("severityNumber");
    Level level = switch (leaves.types[i]) {
      case EventLeaves.T_INT -> otel ? Level.fromOtelSeverityNumber(leaves.longs[i])
          : Level.fromNumber(leaves.longs[i]);
      case EventLeaves.T_STRING -> otel ? otelLevel(leaves.texts[i])
          : Level.fromText(leaves.texts[i]);
      default -> null;
    };
    String original = leaves.texts[i];
    sink.level(level, level != null && level.name().equals(original) ? null : original);
    keepSentName(i, Canonical.LEVEL, sink);
  }

  /**
   * Also reports the value of a well-known field under the name it was sent with ({@code app},
   * {@code severity}, {@code host.name}), so that a search by that name finds it (#13). Not for the
   * message, which bare words search and which would double the index as an exact term.
   */
  private void keepSentName(int i, Canonical canonical, EventSink sink) {
    if (!leaves.names[i].equals(canonical.field)) {
      leaves.emitAttribute(i, sink);
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

  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
