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
 *
 * <p>A connection that sends nothing for the listener's {@code idle-timeout}, or whose frame is not
 * complete {@code frame-timeout} after its first byte, is closed: syslog senders are not
 * authenticated, and connections held open for nothing would lock the others out. While the
 * connection is paused (held back for Kafka) neither clock runs: the wait is Strata's, not the
 * sender's.
 *
 * <p>Caution: every method but {@link #close()} and {@link #unpublished()} runs on the
 * connection's context.
 */
final class TcpConnection implements SyslogFramer.Frames, SyslogBatcher.Flow {

  private static final Logger LOG = Logger.getLogger(TcpConnection.class);

  private final SyslogListener listener;
  private final NetSocket socket;
  private final Vertx vertx;
  private final String peerHost;
  private final SyslogFramer framer;
  private final SyslogIntake intake;
  private final SyslogBatcher batcher;
  private final long idleNanos;
  private final long frameNanos;
  private boolean closed;
  private boolean paused;
  private long timer = -1;
  /** When bytes were last read, or the connection was last resumed. */
  private long lastRead;
  /** When the first byte of the unfinished frame was read, or -1 between frames. */
  private long frameStart = -1;

  TcpConnection(SyslogListener listener, NetSocket socket, Vertx vertx, Context context,
      SyslogMetrics metrics) {
    this.listener = listener;
    this.socket = socket;
    this.vertx = vertx;
    this.peerHost = peerHost(socket);
    this.framer = new SyslogFramer(listener.maxMessageBytes(), this);
    this.intake = new SyslogIntake(listener, metrics, "tcp:" + peerHost);
    this.batcher = new SyslogBatcher(vertx, context, listener.ingestConfig(),
        listener.syslogConfig(), listener::publish, this, metrics);
    this.idleNanos = listener.settings().idleTimeout().toNanos();
    this.frameNanos = listener.settings().frameTimeout().toNanos();
  }

  /** The sender's IP address as the socket reports it, or null. */
  static String peerHost(NetSocket socket) {
    return socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
  }

  /** Starts reading. */
  void start() {
    lastRead = System.nanoTime();
    socket.handler(this::data);
    socket.exceptionHandler(e -> LOG.debugf("syslog connection from %s: %s", peerHost, e));
    socket.closeHandler(v -> ended());
    // Checked a few times per timeout: a connection is closed at most a quarter late.
    long checkMillis = Math.max(10, Math.min(idleNanos, frameNanos) / 4 / 1_000_000);
    timer = vertx.setPeriodic(checkMillis, id -> checkTimeouts());
  }

  /** Closes the connection (the key is no longer valid, or the listener stops). */
  void close() {
    socket.close();
  }

  /** Events received but not yet acknowledged by Kafka. */
  int unpublished() {
    return batcher.unpublished();
  }

  String peerHost() {
    return peerHost;
  }

  private void data(Buffer buffer) {
    if (listener.binding() == null) {
      socket.close();
      return;
    }
    byte[] bytes = buffer.getBytes();
    long framesBefore = framer.completedFrames();
    framer.feed(bytes, 0, bytes.length);
    lastRead = System.nanoTime();
    if (!framer.inFrame()) {
      frameStart = -1;
    } else if (frameStart < 0 || framer.completedFrames() != framesBefore) {
      // A new frame began in these bytes (possibly after others ended in them).
      frameStart = lastRead;
    }
  }

  private void checkTimeouts() {
    if (closed || paused) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastRead >= idleNanos) {
      timedOut(Refusals.Timeout.IDLE);
    } else if (frameStart >= 0 && now - frameStart >= frameNanos) {
      timedOut(Refusals.Timeout.FRAME);
    }
  }

  private void timedOut(Refusals.Timeout timeout) {
    listener.refusals().timedOut(timeout, peerHost);
    cancelTimer();
    socket.close();
  }

  private void ended() {
    closed = true;
    cancelTimer();
    listener.closed(this);
    framer.finish();
    batcher.close(() -> listener.removed(this));
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
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
      paused = true;
      socket.pause();
    }
  }

  @Override
  public void resume() {
    if (!closed) {
      paused = false;
      // The time held back was Strata's: both clocks start again.
      lastRead = System.nanoTime();
      if (frameStart >= 0) {
        frameStart = lastRead;
      }
      socket.resume();
    }
  }
}
