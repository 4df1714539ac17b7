package io.strata.retention;

import io.strata.infra.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a newest-first listing (holds, erasures) ended: the creation time and id of its
 * last row. The next page starts strictly after it, so rows added meanwhile never shift or repeat
 * a page. Opaque to clients; it names no tenant, and every listing is of the caller's tenant only.
 */
public record ListCursor(Instant time, String id) {

  private static final String VERSION = "v1";

  String encode() {
    String plain = VERSION + ":" + time.getEpochSecond() + ":" + time.getNano() + ":" + id;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor {@code text} encodes; a 400 problem naming {@code cursor} when it is not one. */
  static ListCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 4);
      if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
        throw new IllegalArgumentException(plain);
      }
      return new ListCursor(
          Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
    } catch (RuntimeException e) { // bad Base64, number or instant alike
      throw ProblemException.badRequest("invalid-cursor",
          "'cursor' is not one this API returned; start again without it.")
          .with("parameter", "cursor");
    }
  }
}
