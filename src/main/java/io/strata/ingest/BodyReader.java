package io.strata.ingest;

import io.strata.infra.http.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory, undoing its {@code Content-Encoding} and refusing it (413) as soon
 * as it grows past the limit, so a small compressed body cannot expand without bound.
 */
public final class BodyReader {

  /** The body read, in {@code bytes[0..length)}. */
  public record Body(byte[] bytes, int length) {}

  /** The most a body's buffer is given before its bytes arrive. */
  static final int MAX_PRESIZE = 8 * 1024 * 1024;

  private BodyReader() {}

  /**
   * Reads the whole body, undoing {@code contentEncoding} (gzip, deflate, identity or none); a 413,
   * 400 or 415 problem when it is too large, corrupt or encoded otherwise. A body whose {@code
   * contentLength} (may be null) is stated and not encoded is read into a buffer of that size, as
   * doubling from a small one copied a 500 KB body four times over on the ingest path.
   */
  public static Body read(InputStream in, String contentEncoding, Long contentLength, long limit) {
    try (InputStream decoded = decode(in, contentEncoding)) {
      byte[] buffer = new byte[initialSize(decoded == in ? contentLength : null, limit)];
      int length = 0;
      int n;
      while ((n = decoded.read(buffer, length, buffer.length - length)) >= 0) {
        length += n;
        if (length > limit) {
          throw tooLarge(limit);
        }
        if (length == buffer.length) {
          // Full: the body may end exactly here, so look for one more byte before growing.
          int next = decoded.read();
          if (next < 0) {
            break;
          }
          if (length + 1 > limit) {
            throw tooLarge(limit);
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, (long) buffer.length * 2));
          buffer[length++] = (byte) next;
        }
      }
      return new Body(buffer, length);
    } catch (ZipException e) {
      throw ProblemException.badRequest("bad-encoding",
          "The body is not valid " + contentEncoding + " data: " + e.getMessage());
    } catch (IOException e) {
      throw ProblemException.badRequest("unreadable-body", "The body could not be read: " + e.getMessage());
    }
  }

  /**
   * The stated length when there is one, else 64 KB; at least one byte, and never more than {@link
   * #MAX_PRESIZE} up front, so that a stated length alone, without the bytes, holds little memory.
   */
  private static int initialSize(Long contentLength, long limit) {
    long size = contentLength != null && contentLength >= 0 ? contentLength : 64 * 1024;
    return (int) Math.max(1, Math.min(size, Math.min(limit + 1, MAX_PRESIZE)));
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  public static ProblemException tooLarge(long limit) {
    return new ProblemException(413, "payload-too-large", "Payload too large",
        "The request body exceeds " + limit + " bytes (after decompression); split it into smaller requests.")
        .with("limit", limit);
  }

  private static InputStream decode(InputStream in, String contentEncoding) throws IOException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return in;
    }
    return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in, 64 * 1024);
      case "deflate" -> new InflaterInputStream(in);
      case "identity" -> in;
      default -> throw new ProblemException(415, "unsupported-encoding", "Unsupported media type",
          "Content-Encoding '" + contentEncoding + "' is not supported: use gzip, deflate or none.");
    };
  }
}
