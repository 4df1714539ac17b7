package io.strata.ingest.syslog;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;

/**
 * The UDP socket of a listener: one datagram is one message (RFC 5426). UDP cannot be slowed down,
 * so it is best effort: a datagram that finds both batches taken while Kafka is slow is dropped
 * and counted, as is one that is too large, comes from a source not in {@code allowed-sources}, or
 * arrives while the key is not valid (rejected).
 */
final class UdpReceiver implements SyslogBatcher.Flow {

  private final SyslogListener listener;
  private final SyslogMetrics metrics;
  private final SyslogIntake intake;
  private final SyslogBatcher batcher;

  UdpReceiver(SyslogListener listener, Vertx vertx, Context context, SyslogMetrics metrics) {
    this.listener = listener;
    this.metrics = metrics;
    this.intake = new SyslogIntake(listener, metrics, "udp");
    this.batcher = new SyslogBatcher(vertx, context, listener.ingestConfig(),
        listener.syslogConfig(), listener::publish, this, metrics);
  }

  /** Takes one datagram; must run on the socket's context. */
  void packet(DatagramPacket packet) {
    String peer = packet.sender() == null ? null : packet.sender().hostAddress();
    if (!listener.allowsDatagram(peer)) {
      // Counted as the datagrams of an invalid key are: received and rejected, never read.
      metrics.received();
      metrics.rejected(1);
      return;
    }
    Buffer data = packet.data();
    if (data.length() > listener.maxMessageBytes()) {
      intake.oversize(data.length());
      return;
    }
    if (!batcher.accepting()) {
      metrics.received();
      metrics.dropped(1);
      return;
    }
    byte[] bytes = data.getBytes();
    intake.message(bytes, 0, bytes.length, peer, batcher);
  }

  /** Publishes what is held; {@code onDrained} runs once Kafka has it. */
  void close(Runnable onDrained) {
    batcher.close(onDrained);
  }

  /** Events received but not yet acknowledged by Kafka. */
  int unpublished() {
    return batcher.unpublished();
  }

  @Override
  public void pause() {
    // A datagram socket has no flow control: accepting() turns extra datagrams away instead.
  }

  @Override
  public void resume() {}
}
