package io.strata.ingest.otlp;

import java.util.List;

/**
 * An OTLP {@code AnyValue} as decoded from either encoding: a string, boolean, 64-bit integer,
 * double, byte array, array of values or list of key/value pairs. An empty {@code AnyValue} is
 * represented by {@code null}.
 */
sealed interface OtlpValue {

  /** How deep arrays and key/value lists may nest in one value. */
  int MAX_DEPTH = 64;

  record Text(String value) implements OtlpValue {}

  record Bool(boolean value) implements OtlpValue {}

  record Int(long value) implements OtlpValue {}

  record Real(double value) implements OtlpValue {}

  record Bytes(byte[] value) implements OtlpValue {}

  record Array(List<OtlpValue> values) implements OtlpValue {}

  record KeyValues(List<Attribute> values) implements OtlpValue {}

  /** A {@code KeyValue}: an attribute, or an entry of a key/value list; {@code value} may be null. */
  record Attribute(String key, OtlpValue value) {}
}
