package io.strata.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Records what {@link EventNormalizer} reports for one event, in order, for assertions. */
final class RecordingSink implements EventSink {

  /** One keyword, number or boolean reported, with the text a number was sent as. */
  record Field(String name, Object value, String text) {}

  int timestampCalls;
  long timestampNanos = Long.MIN_VALUE;
  int ingestedAtCalls;
  long ingestedAtMillis = Long.MIN_VALUE;
  int levelCalls;
  Level level;
  String levelOriginal;
  String message;
  final List<Field> fields = new ArrayList<>();

  @Override
  public void timestamp(long epochNanos) {
    timestampCalls++;
    timestampNanos = epochNanos;
  }

  @Override
  public void ingestedAt(long epochMillis) {
    ingestedAtCalls++;
    ingestedAtMillis = epochMillis;
  }

  @Override
  public void level(Level level, String original) {
    levelCalls++;
    this.level = level;
    this.levelOriginal = original;
  }

  @Override
  public void message(String message) {
    if (this.message != null) {
      throw new AssertionError("message reported twice: " + this.message + " / " + message);
    }
    this.message = message;
  }

  @Override
  public void keyword(String field, String value) {
    fields.add(new Field(field, value, value));
  }

  @Override
  public void number(String field, double value, String text) {
    fields.add(new Field(field, value, text));
  }

  @Override
  public void bool(String field, boolean value) {
    fields.add(new Field(field, value, Boolean.toString(value)));
  }

  /** Every value reported under {@code name}, in order. */
  List<Object> values(String name) {
    List<Object> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equals(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  /** The names of all keyword, number and boolean fields, in order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (Field field : fields) {
      names.add(field.name());
    }
    return names;
  }
}
