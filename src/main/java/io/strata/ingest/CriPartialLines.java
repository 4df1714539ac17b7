package io.strata.ingest;

import io.strata.pipeline.CriLine;

/**
 * Tells whether a line continues the partial CRI line before it (#13). containerd and CRI-O cut a
 * container's line longer than their buffer (16 KiB by default) into chunks tagged {@code P}, the
 * last one {@code F}; a file sent as it is, or a shipper without a CRI parser, delivers the chunks
 * as lines of their own. Each chunk after a {@code P} line of the same stream continues it, so the
 * chunks become one event, which {@link io.strata.pipeline.EventNormalizer} unwraps into the line
 * the container wrote.
 *
 * <p>Chunks of stdout and stderr interleaved within one partial line are not joined: the other
 * stream's line ends the partial one, as a line that is not a CRI line does.
 *
 * <p>Caution: not thread-safe; one instance per request, shown every non-blank plain-text line of
 * it in order, and {@link #reset()} at every line that is not plain text.
 */
final class CriPartialLines {

  private final CriLine line = new CriLine();
  private final ByteChars chars = new ByteChars();
  /** The stream of the partial line the next chunk continues, or {@code null}. */
  private String open;

  /** Forgets an open partial line: the line before was not plain text. */
  void reset() {
    open = null;
  }

  /**
   * Whether the line at {@code [start, stop)} of {@code body} continues the partial line before it.
   * Remembers whether it is itself a partial line.
   */
  boolean continues(byte[] body, int start, int stop) {
    String before = open;
    open = null;
    chars.wrap(body, start, stop);
    if (!line.read(chars, 0, stop - start)) {
      return false;
    }
    if (line.partial()) {
      open = line.stream();
    }
    return line.stream().equals(before);
  }

  /** The bytes of one line read as characters, in place; the CRI prefix is ASCII. */
  private static final class ByteChars implements CharSequence {

    private byte[] bytes;
    private int offset;
    private int length;

    void wrap(byte[] body, int start, int stop) {
      bytes = body;
      offset = start;
      length = stop - start;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().substring(start, end);
    }

    @Override
    public String toString() {
      return new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
