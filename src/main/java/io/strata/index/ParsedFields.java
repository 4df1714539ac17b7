package io.strata.index;

import io.strata.pipeline.EventFields;
import io.strata.pipeline.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.lucene.util.BytesRef;

/**
 * The fields a parsing rule extracted from one event: the event time, level and message it may
 * set, and keywords and numbers. The indexer adds them to the event's document (a captured field
 * replaces one of the same name) and stores them encoded with it ({@link #encode}), so that every
 * read of the event ({@link #decode}) shows what the rule extracted when the event was indexed.
 *
 * <p>Caution: not thread-safe; one per indexing thread, {@link #clear}ed per event.
 */
public final class ParsedFields {

  /** No event time was captured. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private static final byte VERSION = 1;
  private static final byte TIME = 'T';
  private static final byte TIME_ORIGINAL = 'O';
  private static final byte LEVEL = 'L';
  private static final byte MESSAGE = 'M';
  private static final byte KEYWORD = 'K';
  private static final byte NUMBER = 'N';

  private long timestampNanos = NO_TIME;
  private String level;
  private String message;
  private String[] names = new String[8];
  private String[] values = new String[8];
  private boolean[] numeric = new boolean[8];
  private int size;

  /** Receives the fields of a stored encoding, in the order they were captured. */
  public interface Reader {
    /** The event time the rule set; {@code originalNanos} is not {@link #NO_TIME} when skewed. */
    void timestamp(long nanos, long originalNanos);

    void level(Level level, String original);

    void message(String message);

    void keyword(String field, String value);

    void number(String field, double value, String text);
  }

  /** Forgets the previous event's fields. */
  public void clear() {
    timestampNanos = NO_TIME;
    level = null;
    message = null;
    Arrays.fill(names, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  public boolean isEmpty() {
    return timestampNanos == NO_TIME && level == null && message == null && size == 0;
  }

  public void timestamp(long epochNanos) {
    timestampNanos = epochNanos;
  }

  public void level(String text) {
    level = text;
  }

  public void message(String text) {
    message = text;
  }

  /** A keyword, or a number when {@code asNumber} and the text reads as one. */
  public void field(String name, String value, boolean asNumber) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
      numeric = Arrays.copyOf(numeric, size * 2);
    }
    names[size] = name;
    values[size] = value;
    numeric[size] = asNumber && !Double.isNaN(number(value));
    size++;
  }

  /** The captured event time, or {@link #NO_TIME}. */
  public long timestampNanos() {
    return timestampNanos;
  }

  /** Emits the captured fields as they are (for a preview: no skew rule, nothing stored). */
  public void read(Reader reader) {
    if (timestampNanos != NO_TIME) {
      reader.timestamp(timestampNanos, NO_TIME);
    }
    if (level != null) {
      Level normalized = Level.fromText(level);
      reader.level(normalized, originalLevel(normalized, level));
    }
    if (message != null) {
      reader.message(message);
    }
    for (int i = 0; i < size; i++) {
      if (numeric[i]) {
        reader.number(names[i], number(values[i]), values[i]);
      } else {
        reader.keyword(names[i], values[i]);
      }
    }
  }

  /** Adds the fields to {@code document} through {@code builder}, replacing same-named ones. */
  void applyTo(EventDocumentBuilder builder, long ingestedAtMillis, long futureToleranceNanos) {
    long original = NO_TIME;
    if (timestampNanos != NO_TIME) {
      long effective = timestampNanos;
      if (effective - ingestedAtMillis * 1_000_000L > futureToleranceNanos) {
        original = effective;
        effective = ingestedAtMillis * 1_000_000L;
      }
      builder.replaceTimestamp(effective);
      timestampNanos = effective;
    }
    if (level != null) {
      builder.removeField(EventFields.LEVEL);
      builder.removeField(EventFields.LEVEL_ORIGINAL);
      Level normalized = Level.fromText(level);
      builder.level(normalized, originalLevel(normalized, level));
    }
    for (int i = 0; i < size; i++) {
      if (firstOf(i)) {
        builder.removeField(names[i]);
        builder.removeField(IndexSchema.numeric(names[i]));
      }
      if (numeric[i]) {
        builder.number(names[i], number(values[i]), values[i]);
      } else {
        builder.keyword(names[i], values[i]);
      }
    }
    builder.stored(encode(original));
  }

  private boolean firstOf(int i) {
    for (int j = 0; j < i; j++) {
      if (names[j].equals(names[i])) {
        return false;
      }
    }
    return true;
  }

  private static String originalLevel(Level normalized, String text) {
    return normalized == null || !normalized.name().equals(text) ? text : null;
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private BytesRef encode(long originalNanos) {
    Encoder out = new Encoder();
    out.bytes[out.length++] = VERSION;
    if (timestampNanos != NO_TIME) {
      out.tag(TIME).longValue(timestampNanos);
      if (originalNanos != NO_TIME) {
        out.tag(TIME_ORIGINAL).longValue(originalNanos);
      }
    }
    if (level != null) {
      out.tag(LEVEL).text(level);
    }
    if (message != null) {
      out.tag(MESSAGE).text(message);
    }
    for (int i = 0; i < size; i++) {
      out.tag(numeric[i] ? NUMBER : KEYWORD).text(names[i]).text(values[i]);
    }
    return new BytesRef(out.bytes, 0, out.length);
  }

  /** Reads what {@link #applyTo} stored into {@code reader}. */
  public static void decode(BytesRef stored, Reader reader) {
    Decoder in = new Decoder(stored);
    if (in.next() != VERSION) {
      throw new IllegalArgumentException("unknown encoding of parsed fields");
    }
    while (in.more()) {
      byte tag = in.next();
      switch (tag) {
        case TIME -> {
          long time = in.longValue();
          boolean skewed = in.more() && in.peek() == TIME_ORIGINAL;
          if (skewed) {
            in.next();
          }
          reader.timestamp(time, skewed ? in.longValue() : NO_TIME);
        }
        case LEVEL -> {
          String text = in.text();
          Level normalized = Level.fromText(text);
          reader.level(normalized, originalLevel(normalized, text));
        }
        case MESSAGE -> reader.message(in.text());
        case KEYWORD -> reader.keyword(in.text(), in.text());
        case NUMBER -> {
          String name = in.text();
          String value = in.text();
          reader.number(name, number(value), value);
        }
        default -> throw new IllegalArgumentException("unknown entry in parsed fields: " + tag);
      }
    }
  }

  private static final class Encoder {
    byte[] bytes = new byte[128];
    int length;

    Encoder tag(byte tag) {
      ensure(1);
      bytes[length++] = tag;
      return this;
    }

    Encoder longValue(long value) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[length++] = (byte) (value >>> shift);
      }
      return this;
    }

    Encoder text(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      ensure(5 + utf8.length);
      int n = utf8.length;
      while ((n & ~0x7F) != 0) {
        bytes[length++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      bytes[length++] = (byte) n;
      System.arraycopy(utf8, 0, bytes, length, utf8.length);
      length += utf8.length;
      return this;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  private static final class Decoder {
    private final byte[] bytes;
    private int position;
    private final int end;

    Decoder(BytesRef ref) {
      this.bytes = ref.bytes;
      this.position = ref.offset;
      this.end = ref.offset + ref.length;
    }

    boolean more() {
      return position < end;
    }

    byte peek() {
      return bytes[position];
    }

    byte next() {
      if (position >= end) {
        throw new IllegalArgumentException("truncated parsed fields");
      }
      return bytes[position++];
    }

    long longValue() {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (next() & 0xFF);
      }
      return value;
    }

    String text() {
      int n = 0;
      int shift = 0;
      byte b;
      do {
        b = next();
        n |= (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0 && shift < 35);
      if (n < 0 || n > end - position) {
        throw new IllegalArgumentException("truncated parsed fields");
      }
      String text = new String(bytes, position, n, StandardCharsets.UTF_8);
      position += n;
      return text;
    }
  }
}
