package io.strata.ingest.syslog;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * One TCP (or TLS) connection of a listener: frames the stream (RFC 6587), hands each message to
 * the intake and publishes the batches; the socket is paused while Kafka holds its batches back.
 * When the peer closes, what was received is still published.
 */
final class TcpConnection implements SyslogFramer.Frames, SyslogBatcher.Flow {

  private static final Logger LOG = Logger.getLogger(TcpConnection.class);

  private final SyslogListener listener;
  private final NetSocket socket;
  private final String peerHost;
  private final SyslogFramer framer;
  private final SyslogIntake intake;
  private final SyslogBatcher batcher;
  private boolean closed;

  TcpConnection(SyslogListener listener, NetSocket socket, Vertx vertx, Context context,
      SyslogMetrics metrics) {
    this.listener = listener;
    this.socket = socket;
    this.peerHost = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
    this.framer = new SyslogFramer(listener.maxMessageBytes(), this);
    this.intake = new SyslogIntake(listener, metrics, "tcp:" + peerHost);
    this.batcher = new SyslogBatcher(vertx, context, listener.ingestConfig(),
        listener.syslogConfig(), listener::publish, this, metrics);
  }

  /** Starts reading. */
  void start() {
    socket.handler(this::data);
    socket.exceptionHandler(e -> LOG.debugf("syslog connection from %s: %s", peerHost, e));
    socket.closeHandler(v -> ended());
  }

  /** Closes the connection (the key is no longer valid, or the listener stops). */
  void close() {
    socket.close();
  }

  /** Events received but not yet acknowledged by Kafka. */
  int unpublished() {
    return batcher.unpublished();
  }

  private void data(Buffer buffer) {
    if (listener.binding() == null) {
      socket.close();
      return;
    }
    byte[] bytes = buffer.getBytes();
    framer.feed(bytes, 0, bytes.length);
  }

  private void ended() {
    closed = true;
    framer.finish();
    batcher.close(() -> listener.removed(this));
  }

  @Override
  public void message(byte[] buf, int off, int len) {
    intake.message(buf, off, len, peerHost, batcher);
  }

  @Override
  public void oversize(long length) {
    intake.oversize(length);
  }

  @Override
  public void pause() {
    if (!closed) {
      socket.pause();
    }
  }

  @Override
  public void resume() {
    if (!closed) {
      socket.resume();
    }
  }
}
