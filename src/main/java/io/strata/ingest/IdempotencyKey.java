package io.strata.ingest;

import io.strata.infra.http.ProblemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The value of an {@code Idempotency-Key} header: 1 to 255 printable ASCII characters, chosen by the
 * client and meaningful only within its tenant.
 */
public record IdempotencyKey(String value) {

  /** The request header that carries the key. */
  public static final String HEADER = "Idempotency-Key";

  /** Most characters in a key (the column is that wide). */
  public static final int MAX_LENGTH = 255;

  public IdempotencyKey {
    if (!valid(value)) {
      throw ProblemException.badRequest("invalid-idempotency-key", "The " + HEADER + " header must "
          + "be 1 to " + MAX_LENGTH + " printable ASCII characters; nothing of this request was "
          + "stored.");
    }
  }

  static boolean valid(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * The prefix of the document ids the events of the request with this key and {@code
   * requestHash} get: the same for a retry of the same request, another for another body sent
   * under the same key.
   */
  public String eventIds(String requestHash) {
    return "idempotency/" + value + "/" + requestHash.substring(0, 16) + "/";
  }

  /**
   * What makes two requests "the same" for a key: the body as decoded (so a retry may compress
   * differently) and whether it was read as JSON or as lines, the only thing the content type
   * changes. SHA-256, in hex.
   */
  public static String requestHash(boolean json, byte[] body, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((byte) (json ? 'j' : 'l'));
      digest.update(body, 0, length);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
