package io.strata.ingest.loki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Loki protobuf push request (after Snappy decoding) with a small hand-written wire-format
 * reader over the subset of Loki's {@code push.proto} a push carries:
 *
 * <pre>
 * PushRequest      { repeated StreamAdapter streams = 1; }
 * StreamAdapter    { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
 * EntryAdapter     { google.protobuf.Timestamp timestamp = 1; string line = 2;
 *                    repeated LabelPairAdapter structuredMetadata = 3; }
 * LabelPairAdapter { string name = 1; string value = 2; }
 * Timestamp        { int64 seconds = 1; int32 nanos = 2; }
 * </pre>
 *
 * Unknown fields are skipped. A stream whose labels do not parse is refused with its entries; bytes
 * that are not valid protobuf refuse the rest of the body.
 */
final class LokiProtobufDecoder {

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LEN = 2;
  private static final int FIXED32 = 5;

  /** A malformed message. */
  static final class ProtobufException extends Exception {
    ProtobufException(String message) {
      super(message);
    }
  }

  private LokiProtobufDecoder() {}

  static void decode(byte[] message, LokiEvents events) {
    Reader request = new Reader(message, 0, message.length);
    try {
      while (request.hasMore()) {
        int tag = request.tag();
        if (tag >>> 3 == 1 && (tag & 7) == LEN) {
          readStream(request.message(), events);
        } else {
          request.skip(tag & 7);
        }
      }
    } catch (ProtobufException e) {
      events.rejectRest("malformed protobuf: " + e.getMessage());
    }
  }

  private static void readStream(Reader stream, LokiEvents events) throws ProtobufException {
    String labelText = "";
    List<Reader> entries = new ArrayList<>();
    while (stream.hasMore()) {
      int tag = stream.tag();
      switch (tag) {
        case 1 << 3 | LEN -> labelText = stream.string();
        case 2 << 3 | LEN -> entries.add(stream.message());
        default -> stream.skip(tag & 7);
      }
    }
    Map<String, String> labels;
    try {
      labels = LokiLabels.parse(labelText);
    } catch (IllegalArgumentException e) {
      for (int i = 0; i < Math.max(1, entries.size()); i++) {
        events.reject("stream '" + labelText + "' refused: couldn't parse labels: " + e.getMessage());
      }
      return;
    }
    events.stream(labels, labelText);
    for (Reader entry : entries) {
      readEntry(entry, events);
    }
  }

  private static void readEntry(Reader entry, LokiEvents events) throws ProtobufException {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    List<LokiEvents.Pair> metadata = List.of();
    while (entry.hasMore()) {
      int tag = entry.tag();
      switch (tag) {
        case 1 << 3 | LEN -> {
          Reader timestamp = entry.message();
          while (timestamp.hasMore()) {
            int field = timestamp.tag();
            switch (field) {
              case 1 << 3 | VARINT -> seconds = timestamp.varint();
              case 2 << 3 | VARINT -> nanos = (int) timestamp.varint();
              default -> timestamp.skip(field & 7);
            }
          }
        }
        case 2 << 3 | LEN -> line = entry.string();
        case 3 << 3 | LEN -> {
          if (metadata.isEmpty()) {
            metadata = new ArrayList<>();
          }
          Reader pair = entry.message();
          String name = "";
          String value = "";
          while (pair.hasMore()) {
            int field = pair.tag();
            switch (field) {
              case 1 << 3 | LEN -> name = pair.string();
              case 2 << 3 | LEN -> value = pair.string();
              default -> pair.skip(field & 7);
            }
          }
          metadata.add(new LokiEvents.Pair(name, value));
        }
        default -> entry.skip(tag & 7);
      }
    }
    events.entry(seconds, nanos, line, metadata);
  }

  /** Reads the fields of one message in {@code buf[pos..end)}. */
  static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    int tag() throws ProtobufException {
      long tag = varint();
      if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
        throw new ProtobufException("invalid field tag " + tag + " at byte " + pos);
      }
      return (int) tag;
    }

    long varint() throws ProtobufException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new ProtobufException("truncated varint");
        }
        byte b = buf[pos++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new ProtobufException("varint longer than 10 bytes");
    }

    Reader message() throws ProtobufException {
      int length = length();
      Reader inner = new Reader(buf, pos, pos + length);
      pos += length;
      return inner;
    }

    String string() throws ProtobufException {
      int length = length();
      String s = new String(buf, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }

    void skip(int wireType) throws ProtobufException {
      switch (wireType) {
        case VARINT -> varint();
        case FIXED64 -> advance(8);
        case LEN -> advance(length());
        case FIXED32 -> advance(4);
        default -> throw new ProtobufException("unsupported wire type " + wireType);
      }
    }

    private int length() throws ProtobufException {
      long length = varint();
      if (length < 0 || length > end - pos) {
        throw new ProtobufException("length " + length + " runs past the end of the message");
      }
      return (int) length;
    }

    private void advance(int n) throws ProtobufException {
      if (n > end - pos) {
        throw new ProtobufException("truncated field");
      }
      pos += n;
    }
  }
}
