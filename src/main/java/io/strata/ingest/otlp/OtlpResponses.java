package io.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bodies OTLP/HTTP answers with, in binary protobuf or JSON:
 *
 * <pre>
 * ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
 * ExportLogsPartialSuccess  { int64 rejected_log_records = 1; string error_message = 2; }
 * google.rpc.Status         { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }
 * google.protobuf.Any       { string type_url = 1; bytes value = 2; }
 * google.rpc.BadRequest     { repeated FieldViolation field_violations = 1; }
 * FieldViolation            { string field = 1; string description = 2; }
 * </pre>
 */
final class OtlpResponses {

  /** gRPC status codes, which OTLP/HTTP's Status carries for troubleshooting only. */
  static final int INVALID_ARGUMENT = 3;
  static final int PERMISSION_DENIED = 7;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int INTERNAL = 13;
  static final int UNAVAILABLE = 14;
  static final int UNAUTHENTICATED = 16;

  static final String BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest";

  private static final JsonFactory JSON = new JsonFactory();

  private OtlpResponses() {}

  /** Full success: an empty response ({@code partial_success} unset). */
  static byte[] success(OtlpEncoding encoding) {
    return encoding == OtlpEncoding.JSON ? "{}".getBytes(StandardCharsets.US_ASCII) : new byte[0];
  }

  /** A partial success: {@code rejected} log records were not accepted, for {@code message}. */
  static byte[] partialSuccess(OtlpEncoding encoding, long rejected, String message) {
    if (encoding == OtlpEncoding.JSON) {
      return json(g -> {
        g.writeStartObject();
        g.writeObjectFieldStart("partialSuccess");
        // proto3's JSON mapping writes an int64 as a string.
        g.writeStringField("rejectedLogRecords", Long.toString(rejected));
        g.writeStringField("errorMessage", message);
        g.writeEndObject();
        g.writeEndObject();
      });
    }
    Protobuf partial = new Protobuf().varint(1, rejected).string(2, message);
    return new Protobuf().message(1, partial).bytes();
  }

  /**
   * A {@code google.rpc.Status}; with a {@code field}, a {@code BadRequest} detail names it as the
   * field in violation.
   */
  static byte[] status(OtlpEncoding encoding, int code, String message, String field) {
    if (encoding == OtlpEncoding.JSON) {
      return json(g -> {
        g.writeStartObject();
        g.writeNumberField("code", code);
        g.writeStringField("message", message);
        if (field != null) {
          g.writeArrayFieldStart("details");
          g.writeStartObject();
          g.writeStringField("@type", BAD_REQUEST_TYPE);
          g.writeArrayFieldStart("fieldViolations");
          g.writeStartObject();
          g.writeStringField("field", field);
          g.writeStringField("description", message);
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeEndObject();
      });
    }
    Protobuf status = new Protobuf().varint(1, code).string(2, message);
    if (field != null) {
      Protobuf violation = new Protobuf().string(1, field).string(2, message);
      Protobuf badRequest = new Protobuf().message(1, violation);
      status.message(3, new Protobuf().string(1, BAD_REQUEST_TYPE).message(2, badRequest));
    }
    return status.bytes();
  }

  private interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  private static byte[] json(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the fields of one protobuf message (proto3: default values are left out). */
  private static final class Protobuf {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    Protobuf varint(int field, long value) {
      if (value != 0) {
        rawVarint((long) field << 3);
        rawVarint(value);
      }
      return this;
    }

    Protobuf string(int field, String value) {
      return value == null || value.isEmpty() ? this
          : length(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Protobuf message(int field, Protobuf message) {
      return length(field, message.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private Protobuf length(int field, byte[] bytes) {
      rawVarint((long) field << 3 | 2);
      rawVarint(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    private void rawVarint(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) (value & 0x7F) | 0x80);
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
