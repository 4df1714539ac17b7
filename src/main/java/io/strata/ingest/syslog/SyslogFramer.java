package io.strata.ingest.syslog;

import io.strata.pipeline.ByteScan;
import java.util.Arrays;

/**
 * Cuts a TCP byte stream into syslog messages as RFC 6587 describes, deciding per frame: a frame
 * that starts with a digit is octet-counted ({@code LEN SP MSG}), any other is newline-terminated
 * (non-transparent framing; a trailing CR is left for the parser to drop). Empty lines are skipped.
 *
 * <p>Memory is bounded by the largest message allowed: a longer frame is skipped (its bytes read
 * and dropped) and reported, and the stream goes on with the next frame.
 *
 * <p>Caution: not thread-safe; one instance per connection.
 */
final class SyslogFramer {

  /** Receives the frames; the bytes are only valid during the call. */
  interface Frames {
    void message(byte[] buf, int off, int len);

    /** A frame over the limit was skipped; {@code length} is its declared or seen length. */
    void oversize(long length);
  }

  private static final int START = 0;
  private static final int COUNT = 1;
  private static final int OCTETS = 2;
  private static final int LINE = 3;
  private static final int SKIP_OCTETS = 4;
  private static final int SKIP_LINE = 5;
  private static final int MAX_COUNT_DIGITS = 10;

  private final int maxMessageBytes;
  private final Frames frames;
  private byte[] buf = new byte[1024];
  private int len;
  private int state = START;
  private long remaining;
  private long completed;

  SyslogFramer(int maxMessageBytes, Frames frames) {
    this.maxMessageBytes = maxMessageBytes;
    this.frames = frames;
  }

  /** Feeds the next bytes of the stream. */
  void feed(byte[] data, int off, int length) {
    int i = off;
    int end = off + length;
    while (i < end) {
      byte b = data[i];
      switch (state) {
        case START -> {
          i++;
          if (b == '\n' || b == '\r' || b == 0) {
            continue;
          }
          len = 0;
          remaining = 0;
          if (b >= '0' && b <= '9') {
            state = COUNT;
            remaining = b - '0';
          } else {
            state = LINE;
          }
          append(b);
        }
        case COUNT -> {
          if (b >= '0' && b <= '9' && len < MAX_COUNT_DIGITS) {
            remaining = remaining * 10 + (b - '0');
            append(b);
            i++;
          } else if (b == ' ') {
            i++;
            len = 0;
            if (remaining > maxMessageBytes) {
              frames.oversize(remaining);
              state = SKIP_OCTETS;
            } else {
              if (remaining == 0) {
              ended();
            } else {
              state = OCTETS;
            }
            }
          } else {
            // Digits not followed by a space: not a count after all, but the start of a line.
            state = LINE;
          }
        }
        case OCTETS -> {
          int n = (int) Math.min(remaining, end - i);
          append(data, i, n);
          i += n;
          remaining -= n;
          if (remaining == 0) {
            frames.message(buf, 0, len);
            ended();
          }
        }
        case LINE -> {
          int lf = indexOf(data, i, end, (byte) '\n');
          int stop = lf < 0 ? end : lf;
          if (len + (stop - i) > maxMessageBytes) {
            frames.oversize((long) len + (stop - i));
            len = 0;
            state = SKIP_LINE;
            continue;
          }
          append(data, i, stop - i);
          i = stop;
          if (lf >= 0) {
            i++;
            frames.message(buf, 0, len);
            ended();
          }
        }
        case SKIP_OCTETS -> {
          int n = (int) Math.min(remaining, end - i);
          i += n;
          remaining -= n;
          if (remaining == 0) {
            ended();
          }
        }
        case SKIP_LINE -> {
          int lf = indexOf(data, i, end, (byte) '\n');
          i = lf < 0 ? end : lf + 1;
          if (lf >= 0) {
            ended();
          }
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  /** Whether part of a frame has been fed and its end not yet. */
  boolean inFrame() {
    return state != START;
  }

  /** Frames (messages and skipped ones) that ended so far. */
  long completedFrames() {
    return completed;
  }

  private void ended() {
    state = START;
    completed++;
  }

  /**
   * Ends the stream: a last line without its newline is still a message (senders that close right
   * after writing it); a truncated octet-counted frame is not.
   */
  void finish() {
    if (state == LINE && len > 0) {
      frames.message(buf, 0, len);
    }
    state = START;
    len = 0;
  }

  private void append(byte b) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, Math.max(maxMessageBytes, 16)));
    }
    buf[len++] = b;
  }

  private void append(byte[] data, int off, int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, len + n), Math.max(maxMessageBytes, len + n)));
    }
    System.arraycopy(data, off, buf, len, n);
    len += n;
  }

  private static int indexOf(byte[] data, int from, int to, byte b) {
    int at = ByteScan.indexOf(data, b, from, to);
    return at == to ? -1 : at;
  }
}
