package io.strata.search;

import io.strata.pipeline.EventFields;
import io.strata.pipeline.EventSink;
import io.strata.pipeline.Level;
import io.strata.pipeline.TimestampParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a normalised event into the JSON object search answers with: {@code @timestamp}, {@code
 * ingested_at}, level, message, the well-known fields, then the attributes; a field sent several
 * times becomes a list.
 *
 * <p>The event time shown is the one the event is indexed at: an event whose stamp was too far ahead
 * when it was indexed shows its ingest time, and the stamp as {@code timestamp_original}, whatever
 * the tolerance is today.
 */
final class EventView implements EventSink {

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final long indexedMillis;
  private String timestampOriginal;

  /** A view of an event indexed at {@code indexedMillis}. */
  EventView(long indexedMillis) {
    this.indexedMillis = indexedMillis;
  }

  Map<String, Object> fields() {
    return fields;
  }

  @Override
  public void timestamp(long epochNanos) {
    if (Math.floorDiv(epochNanos, 1_000_000L) == indexedMillis) {
      fields.put(EventFields.TIMESTAMP, TimestampParser.format(epochNanos));
    } else {
      fields.put(EventFields.TIMESTAMP, TimestampParser.format(indexedMillis * 1_000_000L));
      timestampOriginal = TimestampParser.format(epochNanos);
    }
  }

  @Override
  public void ingestedAt(long epochMillis) {
    fields.put(EventFields.INGESTED_AT, TimestampParser.format(epochMillis * 1_000_000L));
    if (timestampOriginal != null) {
      fields.put(EventFields.TIMESTAMP_ORIGINAL, timestampOriginal);
    }
  }

  @Override
  public void level(Level level, String original) {
    if (level != null) {
      fields.put(EventFields.LEVEL, level.name());
    }
    if (original != null) {
      fields.put(EventFields.LEVEL_ORIGINAL, original);
    }
  }

  @Override
  public void message(String message) {
    fields.put(EventFields.MESSAGE, message);
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

  @Override
  public void bool(String field, boolean value) {
    put(field, value);
  }

  @SuppressWarnings("unchecked")
  private void put(String field, Object value) {
    Object existing = fields.putIfAbsent(field, value);
    if (existing == null) {
      return;
    }
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
