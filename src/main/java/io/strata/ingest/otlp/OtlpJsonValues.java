package io.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the values inside an OTLP/JSON request for {@link OtlpJsonDecoder}: attributes, AnyValues,
 * 64-bit integers (numbers or strings), doubles (also {@code "NaN"} and the infinities), base64
 * bytes, severity numbers and hex ids. A value of the wrong type is not thrown: the first such
 * problem is noted (see {@link #error}), the value skipped and a fallback returned, so that the
 * caller can reject the record, scope or resource it belongs to and read on.
 *
 * <p>Caution: not thread-safe; one instance per parser.
 */
final class OtlpJsonValues {

  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR",
      "FATAL");

  private final JsonParser parser;
  private String error;

  OtlpJsonValues(JsonParser parser) {
    this.parser = parser;
  }

  /** The first problem found since {@link #clearError}, or null. */
  String error() {
    return error;
  }

  void clearError() {
    error = null;
  }

  List<OtlpValue.Attribute> keyValues(JsonToken token, String what, int depth)
      throws IOException {
    if (token != JsonToken.START_ARRAY) {
      return fail(token, what + " must be an array of {\"key\":...,\"value\":{...}}", List.of());
    }
    List<OtlpValue.Attribute> attributes = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      String element = what + "[" + attributes.size() + "]";
      if (token == JsonToken.START_OBJECT) {
        attributes.add(keyValue(element, depth));
      } else if (token != JsonToken.VALUE_NULL) {
        fail(token, element + " must be an object", null);
      }
    }
    return attributes;
  }

  private OtlpValue.Attribute keyValue(String what, int depth) throws IOException {
    String key = "";
    OtlpValue value = null;
    String before = error;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "key" -> key = string(token, "key");
        case "value" -> value = anyValue(token, "value", depth);
        default -> parser.skipChildren();
      }
    }
    if (before == null && error != null) {
      error = what + (key.isEmpty() ? "" : " (" + key + ")") + ": " + error;
    }
    return new OtlpValue.Attribute(key, value);
  }

  /** An AnyValue object; the last of its oneof fields wins. Null when empty. */
  OtlpValue anyValue(JsonToken token, String what, int depth) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return fail(token, what + " must be an AnyValue object such as {\"stringValue\":\"...\"}",
          null);
    }
    if (depth > OtlpValue.MAX_DEPTH) {
      return fail(token, "values nested deeper than " + OtlpValue.MAX_DEPTH, null);
    }
    OtlpValue value = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "stringValue", "string_value" -> value = new OtlpValue.Text(string(token, name));
        case "boolValue", "bool_value" -> value = token == JsonToken.VALUE_TRUE
            || token == JsonToken.VALUE_FALSE ? new OtlpValue.Bool(token == JsonToken.VALUE_TRUE)
            : fail(token, name + " must be true or false", null);
        case "intValue", "int_value" -> value = new OtlpValue.Int(integer(token, name, false));
        case "doubleValue", "double_value" -> value = new OtlpValue.Real(real(token, name));
        case "bytesValue", "bytes_value" -> value = new OtlpValue.Bytes(bytes(token, name));
        case "arrayValue", "array_value" -> {
          List<OtlpValue> values = new ArrayList<>();
          if (enterValues(token, name)) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
              values.add(element == JsonToken.VALUE_NULL ? null
                  : anyValue(element, name + ".values[" + values.size() + "]", depth + 1));
            }
            skipRestOfObject();
          }
          value = new OtlpValue.Array(values);
        }
        case "kvlistValue", "kvlist_value" -> {
          List<OtlpValue.Attribute> entries = new ArrayList<>();
          if (enterValues(token, name)) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
              String at = name + ".values[" + entries.size() + "]";
              if (element == JsonToken.START_OBJECT) {
                entries.add(keyValue(at, depth + 1));
              } else if (element != JsonToken.VALUE_NULL) {
                fail(element, at + " must be an object", null);
              }
            }
            skipRestOfObject();
          }
          value = new OtlpValue.KeyValues(entries);
        }
        default -> parser.skipChildren();
      }
    }
    return value;
  }

  /**
   * Moves into the {@code "values"} array of an ArrayValue or KeyValueList object, to read its
   * elements and then {@link #skipRestOfObject}; false (the object read whole) when it has none.
   */
  private boolean enterValues(JsonToken token, String what) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return fail(token, what + " must be an object with \"values\"", false);
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals("values") || value == JsonToken.VALUE_NULL) {
        parser.skipChildren();
      } else if (value == JsonToken.START_ARRAY) {
        return true;
      } else {
        fail(value, what + ".values must be an array", null);
      }
    }
    return false;
  }

  /** Skips the members of the object the parser is in, up to and including its end. */
  private void skipRestOfObject() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  String string(JsonToken token, String what) throws IOException {
    return token == JsonToken.VALUE_STRING ? parser.getText()
        : fail(token, what + " must be a string", "");
  }

  /** A 64-bit integer as a JSON number or decimal string; unsigned ones may use all 64 bits. */
  long integer(JsonToken token, String what, boolean unsigned) throws IOException {
    BigInteger value = null;
    try {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        value = parser.getBigIntegerValue();
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        value = parser.getDecimalValue().toBigIntegerExact();
      } else if (token == JsonToken.VALUE_STRING) {
        value = new BigInteger(parser.getText().strip());
      }
    } catch (NumberFormatException | ArithmeticException e) {
      value = null;
    }
    BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger max = unsigned ? MAX_UINT64 : BigInteger.valueOf(Long.MAX_VALUE);
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      return fail(token, what + " must be " + (unsigned ? "an unsigned" : "a") + " 64-bit integer"
          + describe(token), 0L);
    }
    return value.longValue();
  }

  private double real(JsonToken token, String what) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText().strip();
      switch (text) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            // Refused below.
          }
        }
      }
    }
    return fail(token, what + " must be a number" + describe(token), 0.0);
  }

  /** Base64, standard or URL-safe, with or without padding. */
  private byte[] bytes(JsonToken token, String what) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Base64.getDecoder().decode(parser.getText().strip().replace('-', '+')
            .replace('_', '/'));
      } catch (IllegalArgumentException e) {
        // Refused below.
      }
    }
    return fail(token, what + " must be base64" + describe(token), new byte[0]);
  }

  /** A SeverityNumber as its number or, as the Collector also takes, its name. */
  int severityNumber(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      String name = parser.getText().strip();
      if (name.startsWith("SEVERITY_NUMBER_")) {
        name = name.substring("SEVERITY_NUMBER_".length());
        if (name.equals("UNSPECIFIED")) {
          return 0;
        }
        char last = name.isEmpty() ? ' ' : name.charAt(name.length() - 1);
        int step = last >= '2' && last <= '4' ? last - '1' : 0;
        int base = SEVERITIES.indexOf(step > 0 ? name.substring(0, name.length() - 1) : name);
        if (base >= 0) {
          return base * 4 + 1 + step;
        }
      }
    }
    long number = integer(token, "severityNumber", false);
    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      return fail(token, "severityNumber is out of range", 0);
    }
    return (int) number;
  }

  /** A hex id; one of the wrong length, all zeroes or not a string is treated as absent. */
  String id(JsonToken token, int length) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      parser.skipChildren();
      return null;
    }
    return OtlpIds.fromHex(parser.getText().strip(), length);
  }

  boolean object(JsonToken token, String what) throws IOException {
    return token == JsonToken.START_OBJECT || fail(token, what + " must be an object", false);
  }

  private String describe(JsonToken token) throws IOException {
    return token.isScalarValue() ? ", not '" + parser.getText() + "'" : ", not " + token;
  }

  /** Notes the first problem, skips the value the parser is at, and returns {@code fallback}. */
  private <T> T fail(JsonToken token, String problem, T fallback) throws IOException {
    if (error == null) {
      error = problem;
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
    }
    return fallback;
  }
}
