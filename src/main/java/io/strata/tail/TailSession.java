package io.strata.tail;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.strata.security.CallerCredential;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.lucene.search.Query;

/**
 * One client's live tail: its tenant and query, the messages waiting for it, and the stream of
 * Server-Sent Events that sends them no faster than the client reads.
 *
 * <p>The HTTP layer asks for the next event only once the previous one is written to the socket, so
 * a client that stops reading stops the stream: what arrives meanwhile waits in the bounded {@link
 * TailBuffer}, never in an unbounded write queue.
 */
public final class TailSession {

  private final String tenant;
  private final Query query;
  private final CallerCredential credential;
  private final TailBuffer buffer;
  private final Consumer<TailSession> onClose;
  private final long openedNanos = System.nanoTime();
  private final AtomicReference<MultiEmitter<? super TailMessage>> emitter =
      new AtomicReference<>();
  private final AtomicInteger draining = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean greeted;
  private volatile boolean heartbeatDue;
  private volatile long lastSentNanos = openedNanos;
  private volatile String endReason;

  TailSession(String tenant, Query query, CallerCredential credential, int bufferCapacity,
      Consumer<TailSession> onClose) {
    this.tenant = tenant;
    this.query = query;
    this.credential = credential;
    this.buffer = new TailBuffer(bufferCapacity);
    this.onClose = onClose;
  }

  String tenant() {
    return tenant;
  }

  Query query() {
    return query;
  }

  CallerCredential credential() {
    return credential;
  }

  /** When the tail was opened, on {@link System#nanoTime()}'s clock. */
  long openedNanos() {
    return openedNanos;
  }

  /**
   * The events of this tail. Its first is a comment, sent as soon as the tail follows the index, so
   * a client knows that what it ingests from then on can reach it. One subscriber only.
   */
  public Multi<TailMessage> events() {
    // ERROR rather than the default BUFFER: emitting beyond the demand would be a bug here, and it
    // must fail this stream rather than grow a buffer nobody bounds.
    return Multi.createFrom().<TailMessage>emitter(this::attach, BackPressureStrategy.ERROR);
  }

  private void attach(MultiEmitter<? super TailMessage> downstream) {
    if (closed.get() || !emitter.compareAndSet(null, downstream)) {
      downstream.complete();
      return;
    }
    downstream.onRequest(n -> drain());
    downstream.onTermination(this::close);
    drain();
  }

  /** Whether the client's buffer is full: the next match would be dropped. */
  boolean isFull() {
    return buffer.isFull();
  }

  /** Queues a match for the client; false, and it counts as missed, when the buffer is full. */
  boolean deliver(TailMessage.Match match) {
    return buffer.add(match);
  }

  /** Counts events this tail will never see. */
  void missed(long count) {
    buffer.missed(count);
  }

  /**
   * Sends what the client has asked for; marks a heartbeat due after {@code heartbeatNanos} of
   * silence; closes a tail nobody subscribed to within {@code subscribeNanos} (the HTTP layer gave
   * up on the request before streaming it).
   */
  void tick(long nowNanos, long heartbeatNanos, long subscribeNanos) {
    if (emitter.get() == null) {
      if (nowNanos - openedNanos > subscribeNanos) {
        close();
      }
      return;
    }
    if (nowNanos - lastSentNanos >= heartbeatNanos) {
      heartbeatDue = true;
    }
    drain();
  }

  /**
   * Emits while the client has demand and there is something to send. Runs on the tail thread after
   * a pass and on the event loop when the client asks for more; the counter lets one of them at a
   * time emit, as reactive streams require, and makes it look again if the other came meanwhile.
   */
  void drain() {
    MultiEmitter<? super TailMessage> out = emitter.get();
    if (out == null || draining.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (closed.get()) {
        finish(out);
        // The counter stays above zero: nothing is emitted after the end.
        return;
      }
      while (out.requested() > 0 && !out.isCancelled()) {
        TailMessage next = next();
        if (next == null) {
          break;
        }
        lastSentNanos = System.nanoTime();
        out.emit(next);
      }
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }

  private TailMessage next() {
    if (!greeted) {
      greeted = true;
      return new TailMessage.Opened();
    }
    TailMessage message = buffer.poll();
    if (message != null) {
      heartbeatDue = false;
      return message;
    }
    if (heartbeatDue) {
      heartbeatDue = false;
      return new TailMessage.KeepAlive();
    }
    return null;
  }

  /** Whether the tail has ended. */
  boolean isClosed() {
    return closed.get();
  }

  /** Ends the tail: frees its slot, and ends the stream if the client is still there. */
  public void close() {
    close(null);
  }

  /**
   * Ends the tail for {@code reason}, which the client is told in a last message when it has room
   * for one; frees its slot at once either way.
   */
  void close(String reason) {
    if (closed.get()) {
      return;
    }
    endReason = reason;
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    onClose.accept(this);
    // Through drain: only one thread at a time may emit, and the end comes after what was sent.
    drain();
  }

  private void finish(MultiEmitter<? super TailMessage> out) {
    if (out.isCancelled()) {
      return;
    }
    if (endReason != null && out.requested() > 0) {
      out.emit(new TailMessage.Ended(endReason));
    }
    out.complete();
  }

  /** Why the tail ended, or {@code null} while it is open or when its client left. */
  String endReason() {
    return endReason;
  }
}
