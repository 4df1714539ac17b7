package io.strata.search;

import io.strata.infra.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the time and sequence of its last event. Paging continues strictly after it,
 * so events arriving meanwhile never shift or repeat a page.
 */
public record Cursor(long timestampMillis, long seq) {

  private static final String VERSION = "v1";

  public String encode() {
    String plain = VERSION + ":" + timestampMillis + ":" + seq;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor from the API; a 400 problem when it was not made by {@link #encode}. */
  public static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":");
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        throw new IllegalArgumentException(plain);
      }
      return new Cursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-cursor",
          "The cursor is not one this API returned; start again without it.").with("parameter", "cursor");
    }
  }
}
