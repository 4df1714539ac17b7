package io.strata.tail;

import java.util.ArrayDeque;

/**
 * The messages one live tail has yet to send, bounded: when the client does not keep up, newer
 * matches are dropped and counted, and the count is handed out where the gap is, before the next
 * match that fits in (or once the buffer has been read to its end).
 *
 * <p>Thread-safe.
 */
final class TailBuffer {

  private final int capacity;
  private final ArrayDeque<TailMessage> messages = new ArrayDeque<>();
  private int matches; // the Match messages in the queue; a Dropped one takes no room
  private long missed; // missed since the last Dropped message queued or handed out

  /** A buffer of at most {@code capacity} matches. */
  TailBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Queues a match; false, and the match counts as missed, when the buffer is full. */
  synchronized boolean add(TailMessage.Match match) {
    if (matches >= capacity) {
      missed++;
      return false;
    }
    if (missed > 0) {
      messages.add(new TailMessage.Dropped(missed));
      missed = 0;
    }
    messages.add(match);
    matches++;
    return true;
  }

  /** Whether the next match would be dropped. */
  synchronized boolean isFull() {
    return matches >= capacity;
  }

  /** Counts {@code count} events that will never be queued, as missed after those queued now. */
  synchronized void missed(long count) {
    missed += count;
  }

  /** The next message to send, or null when there is none. */
  synchronized TailMessage poll() {
    TailMessage next = messages.poll();
    if (next instanceof TailMessage.Match) {
      matches--;
    } else if (next == null && missed > 0) {
      next = new TailMessage.Dropped(missed);
      missed = 0;
    }
    return next;
  }

  /** Whether there is nothing to send. */
  synchronized boolean isEmpty() {
    return messages.isEmpty() && missed == 0;
  }
}
