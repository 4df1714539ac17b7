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

  private BodyReader() {}

  /**
   * Reads the whole body, undoing {@code contentEncoding} (gzip, deflate, identity or none); a 413,
   * 400 or 415 problem when it is too large, corrupt or encoded otherwise.
   */
  public static Body read(InputStream in, String contentEncoding, long limit) {
    try (InputStream decoded = decode(in, contentEncoding)) {
      byte[] buffer = new byte[64 * 1024];
      int length = 0;
      int n;
      while ((n = decoded.read(buffer, length, buffer.length - length)) >= 0) {
        length += n;
        if (length > limit) {
          throw tooLarge(limit);
        }
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, (long) buffer.length * 2));
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
