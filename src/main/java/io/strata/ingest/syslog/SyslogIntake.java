package io.strata.ingest.syslog;

import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The path of one received message, shared by TCP and UDP: counted, parsed, written as a JSON event
 * and added to the batch, or rejected on its own with its reason logged (at WARN for the first of a
 * source, then at DEBUG) so one bad message never costs its neighbours.
 *
 * <p>Caution: not thread-safe; one instance per connection or socket.
 */
final class SyslogIntake {

  private static final Logger LOG = Logger.getLogger(SyslogIntake.class);

  private final SyslogListener listener;
  private final SyslogParser parser;
  private final SyslogEventWriter writer;
  private final SyslogMetrics metrics;
  private final String source;
  private boolean warned;

  SyslogIntake(SyslogListener listener, SyslogMetrics metrics, String source) {
    this.listener = listener;
    this.parser = new SyslogParser(listener.zone());
    this.writer = new SyslogEventWriter(listener.ingestConfig());
    this.metrics = metrics;
    this.source = source;
  }

  /** Takes one message for the listener's tenant into {@code batcher}. */
  void message(byte[] buf, int off, int len, String peerHost, SyslogBatcher batcher) {
    metrics.received();
    Binding binding = listener.binding();
    if (binding == null) {
      metrics.rejected(1);
      return;
    }
    try {
      SyslogMessage message = parser.parse(new String(buf, off, len, StandardCharsets.UTF_8),
          System.currentTimeMillis());
      writer.write(message, peerHost);
    } catch (SyslogFormatException e) {
      reject(e.getMessage());
      return;
    }
    batcher.add(binding, writer.bytes(), 0, writer.size());
  }

  /** Counts a message that was not read at all (over the size limit). */
  void oversize(long length) {
    metrics.received();
    reject("message of " + length + " bytes is over the limit of " + listener.maxMessageBytes()
        + " bytes");
  }

  private void reject(String reason) {
    metrics.rejected(1);
    if (!warned) {
      warned = true;
      LOG.warnf("syslog listener '%s': rejected a message from %s: %s (further rejections from"
          + " this source are logged at DEBUG)", listener.name(), source, reason);
    } else {
      LOG.debugf("syslog listener '%s': rejected a message from %s: %s", listener.name(), source,
          reason);
    }
  }
}
