package io.strata.ingest.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What a listener turns away or cuts off, counted by reason ({@code
 * strata.syslog.connections.refused} and {@code strata.syslog.connections.timed-out}, tagged with
 * {@code listener} and {@code reason}) and logged at WARN at most once a minute per reason (then at
 * DEBUG), so that a flood of refusals cannot flood the log but an operator still learns why senders
 * are refused.
 */
final class Refusals {

  private static final Logger LOG = Logger.getLogger(Refusals.class);
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;

  /** Why a TCP connection was closed at once, or a datagram dropped. */
  enum Reason {
    /** The listener's API key is not valid. */
    KEY("key", "the listener's API key is not valid"),
    /** The source is not in allowed-sources. */
    NOT_ALLOWED("not-allowed", "the source is not in allowed-sources"),
    /** The listener holds max-connections. */
    LISTENER_LIMIT("listener-limit", "the listener holds max-connections"),
    /** The source holds max-connections-per-source. */
    SOURCE_LIMIT("source-limit", "the source holds max-connections-per-source"),
    /** The TLS handshake failed: no valid client certificate, not TLS, or too slow. */
    TLS("tls", "its TLS handshake failed");

    final String tag;
    final String text;

    Reason(String tag, String text) {
      this.tag = tag;
      this.text = text;
    }
  }

  /** Why an open connection was closed by the listener. */
  enum Timeout {
    /** Nothing received for idle-timeout. */
    IDLE("idle", "it sent nothing for idle-timeout"),
    /** A frame not complete within frame-timeout. */
    FRAME("frame", "a frame was not complete within frame-timeout");

    final String tag;
    final String text;

    Timeout(String tag, String text) {
      this.tag = tag;
      this.text = text;
    }
  }

  private final String listener;
  private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);
  private final Map<Timeout, Counter> timedOut = new EnumMap<>(Timeout.class);
  private final Map<Reason, AtomicLong> lastWarned = new EnumMap<>(Reason.class);

  Refusals(MeterRegistry registry, String listener) {
    this.listener = listener;
    for (Reason reason : Reason.values()) {
      refused.put(reason, Counter.builder("strata.syslog.connections.refused")
          .description("TCP connections closed at once, by reason")
          .tags("listener", listener, "reason", reason.tag).register(registry));
    }
    long longAgo = System.nanoTime() - WARN_EVERY_NANOS;
    for (Reason reason : Reason.values()) {
      lastWarned.put(reason, new AtomicLong(longAgo));
    }
    for (Timeout timeout : Timeout.values()) {
      timedOut.put(timeout, Counter.builder("strata.syslog.connections.timed-out")
          .description("TCP connections closed by the listener's idle or frame timeout")
          .tags("listener", listener, "reason", timeout.tag).register(registry));
    }
  }

  /** Counts a TCP connection closed at once. */
  void connection(Reason reason, String source) {
    refused.get(reason).increment();
    log(reason, "refused a connection from " + source + ": " + reason.text,
        "strata_syslog_connections_refused_total");
  }

  /** Logs a datagram dropped (counted by the caller as a rejected message). */
  void datagram(Reason reason, String source) {
    log(reason, "dropped a datagram from " + source + ": " + reason.text,
        "strata_syslog_messages_total{transport=\"udp\",outcome=\"rejected\"}");
  }

  /** Counts a connection the listener closed. */
  void timedOut(Timeout timeout, String source) {
    timedOut.get(timeout).increment();
    // Routine (senders reconnect when they have something to send): DEBUG only.
    LOG.debugf("syslog listener '%s' closed the connection from %s: %s", listener, source,
        timeout.text);
  }

  long refusedCount(Reason reason) {
    return (long) refused.get(reason).count();
  }

  long timedOutCount(Timeout timeout) {
    return (long) timedOut.get(timeout).count();
  }

  private void log(Reason reason, String what, String countedIn) {
    long now = System.nanoTime();
    AtomicLong last = lastWarned.get(reason);
    long previous = last.get();
    // The key's state is logged when it changes (SyslogListener#bind): no warning per connection.
    if (reason != Reason.KEY && now - previous >= WARN_EVERY_NANOS
        && last.compareAndSet(previous, now)) {
      LOG.warnf("syslog listener '%s' %s (counted in %s; logged at most once a minute)", listener,
          what, countedIn);
    } else {
      LOG.debugf("syslog listener '%s' %s", listener, what);
    }
  }
}
