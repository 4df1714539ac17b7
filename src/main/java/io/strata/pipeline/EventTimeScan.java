package io.strata.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the time {@link EventNormalizer} will give an event, without normalising it, so that the
 * ingest path can tell an event already past retention for a few nanoseconds a field.
 *
 * <p>It answers {@link #UNKNOWN} whenever finding out would take more than a glance (a time field
 * nested or in an array, a plain-text line whose time only its logfmt pairs or embedded JSON
 * give): callers must then treat the event as fresh. A known answer is exactly the normaliser's,
 * before its future tolerance (which only ever replaces a stamp ahead of the ingest time).
 *
 * <p>A JSON object is scanned while the ingest path walks its tokens anyway: {@link
 * #beginObject}, then for each top-level member {@link #name} followed by {@link #value}, {@link
 * #container} or {@link #nullValue}.
 *
 * <p>Caution: keeps state per event; one instance per thread.
 */
public final class EventTimeScan {

  /** The event's time cannot be known without normalising it. */
  public static final long UNKNOWN = TimestampParser.INVALID;

  /** More time candidates than this in one object is not worth a glance: unknown. */
  private static final int MAX_CANDIDATES = 8;

  /** Top-level names under which a nested object may hold a time ("event" for "event.time"). */
  private static final Set<String> TIME_PREFIXES = timePrefixes();

  private final CriLine cri = new CriLine();
  private final int[] ranks = new int[MAX_CANDIDATES];
  private final byte[] types = new byte[MAX_CANDIDATES];
  private final String[] texts = new String[MAX_CANDIDATES];
  private final long[] longs = new long[MAX_CANDIDATES];
  private final double[] doubles = new double[MAX_CANDIDATES];
  private int count;
  private boolean unknown;
  /** The rank of the time alias the current member is named by; -1 when it is not one. */
  private int pendingRank;
  private String pendingName;

  /** Starts the scan of a JSON object event. */
  public void beginObject() {
    count = 0;
    unknown = false;
    pendingRank = -1;
    pendingName = null;
  }

  /** A top-level member's name. */
  public void name(String name) {
    Canonical.Alias alias = Canonical.find(name);
    pendingRank = alias != null && alias.target() == Canonical.TIMESTAMP ? alias.rank() : -1;
    pendingName = name;
  }

  /** The scalar value of the member just named; the parser is at it. */
  public void value(JsonParser parser, JsonToken token) throws IOException {
    if (pendingRank < 0) {
      return;
    }
    if (count == MAX_CANDIDATES) {
      unknown = true;
      return;
    }
    // Typed as EventLeaves types leaves, so that each candidate parses as the normaliser's would.
    switch (token) {
      case VALUE_STRING -> add(EventLeaves.T_STRING, parser.getText(), 0, 0);
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          add(EventLeaves.T_FLOAT, null, 0, parser.getDoubleValue());
        } else {
          add(EventLeaves.T_INT, null, parser.getLongValue(), 0);
        }
      }
      case VALUE_NUMBER_FLOAT -> add(EventLeaves.T_FLOAT, null, 0, parser.getDoubleValue());
      default -> { } // true or false: never a time, and no candidate to the normaliser either
    }
    pendingRank = -1;
  }

  /** The member just named holds an object or an array. */
  public void container() {
    // Flattened, it may yield time fields ("time" of an array, "event.time" of {"event":{...}})
    // in an order this scan does not follow: give up rather than guess.
    if (pendingRank >= 0 || (pendingName != null && TIME_PREFIXES.contains(pendingName))) {
      unknown = true;
    }
    pendingRank = -1;
  }

  /** The member just named is null: no field at all, as for the normaliser. */
  public void nullValue() {
    pendingRank = -1;
  }

  /**
   * The time of the JSON object scanned, epoch nanoseconds: the best-ranked time field that parses
   * (the first of equal rank), else the ingest time; {@link #UNKNOWN} when the scan gave up.
   */
  public long objectTime(long ingestedAtMillis) {
    if (unknown) {
      return UNKNOWN;
    }
    int tried = 0; // a bit per candidate: no allocation per event
    for (int left = count; left > 0; left--) {
      int best = -1;
      for (int i = 0; i < count; i++) {
        if ((tried & (1 << i)) == 0 && (best < 0 || ranks[i] < ranks[best])) {
          best = i;
        }
      }
      tried |= 1 << best;
      long nanos = switch (types[best]) {
        case EventLeaves.T_STRING -> TimestampParser.parseText(texts[best]);
        case EventLeaves.T_INT -> TimestampParser.parseNumber(longs[best]);
        default -> TimestampParser.parseNumber(doubles[best]);
      };
      if (nanos != TimestampParser.INVALID) {
        return nanos;
      }
    }
    return ingestedAtMillis * 1_000_000L;
  }

  /**
   * The time of a plain-text event, epoch nanoseconds: a container runtime's stamp, else the stamp
   * the line starts with; {@link #UNKNOWN} when it has neither.
   */
  public long textTime(byte[] buf, int off, int len, long ingestedAtMillis) {
    String text = new String(buf, off, len, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    if (end < 0) {
      end = text.length();
    } else if (end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    if (cri.read(text, 0, end)) {
      return cri.nanos();
    }
    // Without a stamp in front, the normaliser may still take one from logfmt pairs or embedded
    // JSON; that is not a glance, so it stays unknown.
    return PlainTextTimestamp.find(text, ingestedAtMillis);
  }

  private void add(byte type, String text, long longValue, double doubleValue) {
    ranks[count] = pendingRank;
    types[count] = type;
    texts[count] = text;
    longs[count] = longValue;
    doubles[count] = doubleValue;
    count++;
  }

  private static Set<String> timePrefixes() {
    Set<String> prefixes = new HashSet<>();
    for (String alias : Canonical.TIMESTAMP.aliases()) {
      for (int dot = alias.indexOf('.'); dot > 0; dot = alias.indexOf('.', dot + 1)) {
        prefixes.add(alias.substring(0, dot));
      }
    }
    return Set.copyOf(prefixes);
  }
}
