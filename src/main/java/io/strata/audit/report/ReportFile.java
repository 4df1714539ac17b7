package io.strata.audit.report;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * A report being built in a temporary file: written once through {@link #output()}, which hashes
 * every byte and refuses to grow past a bound; then {@link #open()}ed for sending, which unlinks
 * the file at once (the open stream keeps its content until closed), so no report stays on disk
 * after it is sent, or if it never is; or {@link #discard()}ed.
 */
final class ReportFile implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ReportFile.class);

  private final Path path;
  private final MessageDigest digest;
  private final Bounded bounded;
  private final OutputStream output;
  private boolean closed;

  ReportFile(Path dir, String suffix, long maxBytes) throws IOException {
    Files.createDirectories(dir);
    // createTempFile makes the file readable and writable by its owner only.
    this.path = Files.createTempFile(dir, "report-", suffix);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.bounded = new Bounded(new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024),
        maxBytes);
    this.output = new DigestOutputStream(bounded, digest);
  }

  /** Where the report is written; closing it is not needed (see {@link #finish()}). */
  OutputStream output() {
    return output;
  }

  /** Ends the writing; returns the SHA-256 of what was written, lowercase hex. */
  String finish() throws IOException {
    if (!closed) {
      closed = true;
      output.close();
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** How many bytes were written. */
  long size() {
    return bounded.written;
  }

  /** The finished report, to read once; its file is gone from the directory already. */
  InputStream open() throws IOException {
    InputStream in = Files.newInputStream(path);
    discard();
    return in;
  }

  /** Removes the file; never throws. */
  void discard() {
    try {
      if (!closed) {
        closed = true;
        output.close();
      }
    } catch (IOException e) {
      // Closing only flushes what is about to be deleted.
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warnf("Could not remove the report file %s: %s", path, e.getMessage());
    }
  }

  @Override
  public void close() {
    discard();
  }

  /** Counts the bytes that pass and refuses those past the bound. */
  private static final class Bounded extends FilterOutputStream {

    private final long max;
    private long written;

    Bounded(OutputStream out, long max) {
      super(out);
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check(len);
      out.write(b, off, len);
    }

    private void check(int len) {
      if (written + len > max) {
        throw new ReportTooLargeException(max);
      }
      written += len;
    }
  }
}
