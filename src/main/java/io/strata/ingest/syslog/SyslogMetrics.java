package io.strata.ingest.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of one listener's transport ({@code strata.syslog.messages} tagged with {@code
 * listener}, {@code transport} and {@code outcome}): messages received, rejected (not syslog, over a
 * limit, or the key is not valid), dropped (UDP with no room while Kafka is slow, or unpublished at
 * shutdown) and published (acknowledged by Kafka).
 */
final class SyslogMetrics {

  static final String NAME = "strata.syslog.messages";

  private final Counter received;
  private final Counter rejected;
  private final Counter dropped;
  private final Counter published;

  SyslogMetrics(MeterRegistry registry, String listener, String transport) {
    this.received = counter(registry, listener, transport, "received");
    this.rejected = counter(registry, listener, transport, "rejected");
    this.dropped = counter(registry, listener, transport, "dropped");
    this.published = counter(registry, listener, transport, "published");
  }

  private static Counter counter(MeterRegistry registry, String listener, String transport,
      String outcome) {
    return Counter.builder(NAME).description("Syslog messages by outcome")
        .tags("listener", listener, "transport", transport, "outcome", outcome).register(registry);
  }

  void received() {
    received.increment();
  }

  void rejected(int n) {
    rejected.increment(n);
  }

  void dropped(int n) {
    dropped.increment(n);
  }

  void published(int n) {
    published.increment(n);
  }

  long receivedCount() {
    return (long) received.count();
  }

  long rejectedCount() {
    return (long) rejected.count();
  }

  long droppedCount() {
    return (long) dropped.count();
  }

  long publishedCount() {
    return (long) published.count();
  }
}
