package io.strata.ingest.syslog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.ingest.IngestConfig;
import io.strata.ingest.JsonEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SyslogMessage} as the JSON event the native API would receive, so the indexer's
 * normaliser treats it like any other: {@code @timestamp}, {@code level} (the severity keyword,
 * normalised to ERROR, WARN, ... with the keyword kept in {@code level_original}), {@code
 * facility}, {@code host} (the sender's address when the message names no host), {@code service}
 * (APP-NAME or TAG), {@code procid}, {@code msgid}, {@code sd.<SD-ID>.<PARAM>} (an array when a
 * parameter repeats) and {@code message}.
 *
 * <p>Caution: not thread-safe; one instance per connection or socket.
 */
final class SyslogEventWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private final long maxEventBytes;
  private final int maxFields;
  private final Buffer out = new Buffer();

  SyslogEventWriter(IngestConfig config) {
    this.maxEventBytes = config.maxEventBytes().asLongValue();
    this.maxFields = config.maxFieldsPerEvent();
  }

  /**
   * Writes the event; then {@link #bytes()} and {@link #size()} hold it. Throws {@link
   * SyslogFormatException} when it is over the event size or field limit.
   */
  void write(SyslogMessage m, String peerHost) {
    int fields = 3 + (m.timestamp() != null ? 1 : 0) + (m.appName() != null ? 1 : 0)
        + (m.procId() != null ? 1 : 0) + (m.msgId() != null ? 1 : 0) + 1;
    for (List<String> values : m.structuredData().values()) {
      fields += values.size();
    }
    String tooMany = JsonEvents.tooManyFields(fields, maxFields);
    if (tooMany != null) {
      throw new SyslogFormatException(tooMany);
    }
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (m.timestamp() != null) {
        g.writeStringField("@timestamp", m.timestamp());
      }
      g.writeStringField("level", m.severityName());
      g.writeStringField("facility", m.facilityName());
      String host = m.hostname() != null ? m.hostname() : peerHost;
      if (host != null) {
        g.writeStringField("host", host);
      }
      writeIfPresent(g, "service", m.appName());
      writeIfPresent(g, "procid", m.procId());
      writeIfPresent(g, "msgid", m.msgId());
      for (Map.Entry<String, List<String>> param : m.structuredData().entrySet()) {
        List<String> values = param.getValue();
        if (values.size() == 1) {
          g.writeStringField(param.getKey(), values.getFirst());
        } else {
          g.writeArrayFieldStart(param.getKey());
          for (String value : values) {
            g.writeString(value);
          }
          g.writeEndArray();
        }
      }
      g.writeStringField("message", m.message());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String tooLarge = JsonEvents.tooLarge(out.size(), maxEventBytes);
    if (tooLarge != null) {
      throw new SyslogFormatException(tooLarge);
    }
  }

  /** The buffer holding the last event written, from index 0. */
  byte[] bytes() {
    return out.bytes();
  }

  /** The length of the last event written. */
  int size() {
    return out.size();
  }

  private static void writeIfPresent(JsonGenerator g, String name, String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** A growable buffer whose bytes can be read without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(1024);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
