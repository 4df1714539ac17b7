package io.strata.ingest.loki;

import static io.strata.ingest.ProtobufReader.LEN;
import static io.strata.ingest.ProtobufReader.VARINT;

import io.strata.ingest.ProtobufReader;
import io.strata.ingest.ProtobufReader.ProtobufException;
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

  private LokiProtobufDecoder() {}

  static void decode(byte[] message, LokiEvents events) {
    ProtobufReader request = new ProtobufReader(message, 0, message.length);
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

  private static void readStream(ProtobufReader stream, LokiEvents events) throws ProtobufException {
    String labelText = "";
    List<ProtobufReader> entries = new ArrayList<>();
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
    for (ProtobufReader entry : entries) {
      readEntry(entry, events);
    }
  }

  private static void readEntry(ProtobufReader entry, LokiEvents events) throws ProtobufException {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    List<LokiEvents.Pair> metadata = List.of();
    while (entry.hasMore()) {
      int tag = entry.tag();
      switch (tag) {
        case 1 << 3 | LEN -> {
          ProtobufReader timestamp = entry.message();
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
          ProtobufReader pair = entry.message();
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
}
