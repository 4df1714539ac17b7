package io.strata.search;

import io.strata.index.ParsedFields;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.Level;
import io.strata.pipeline.TimestampParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays what a parsing rule extracted when the event was indexed over the event as normalised from
 * its original: a captured field replaces the one of the same name, a captured message replaces the
 * message shown (the whole line stays under {@code event.original}), a captured stamp is the event
 * time.
 */
final class ParsedOverlay implements ParsedFields.Reader {

  /** Where an event shows its whole line when a rule captured a shorter message. */
  static final String ORIGINAL = "event.original";

  private final Map<String, Object> fields;
  private final Set<String> replaced = new HashSet<>();

  ParsedOverlay(Map<String, Object> fields) {
    this.fields = fields;
  }

  @Override
  public void timestamp(long nanos, long originalNanos) {
    fields.put(EventFields.TIMESTAMP, TimestampParser.format(nanos));
    if (originalNanos != ParsedFields.NO_TIME) {
      fields.put(EventFields.TIMESTAMP_ORIGINAL, TimestampParser.format(originalNanos));
    } else {
      fields.remove(EventFields.TIMESTAMP_ORIGINAL);
    }
  }

  @Override
  public void level(Level level, String original) {
    fields.remove(EventFields.LEVEL_ORIGINAL);
    if (level != null) {
      fields.put(EventFields.LEVEL, level.name());
    } else {
      fields.remove(EventFields.LEVEL);
    }
    if (original != null) {
      fields.put(EventFields.LEVEL_ORIGINAL, original);
    }
  }

  @Override
  public void message(String message) {
    Object line = fields.put(EventFields.MESSAGE, message);
    if (line != null && !line.equals(message)) {
      fields.put(ORIGINAL, line);
    }
  }

  @Override
  public void keyword(String field, String value) {
    put(field, value);
  }

  @Override
  public void number(String field, double value, String text) {
    put(field, value == Math.rint(value) && Math.abs(value) < 1e15 && !text.contains(".")
        && !text.contains("e") && !text.contains("E") ? (Object) (long) value : (Object) value);
  }

  @SuppressWarnings("unchecked")
  private void put(String field, Object value) {
    if (replaced.add(field)) {
      fields.put(field, value);
      return;
    }
    Object existing = fields.get(field);
    if (existing instanceof List<?> list) {
      ((List<Object>) list).add(value);
    } else {
      List<Object> values = new ArrayList<>(2);
      values.add(existing);
      values.add(value);
      fields.put(field, values);
    }
  }
}
