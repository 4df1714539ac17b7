package io.strata.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API key secrets and their stored form. Secrets carry 256 random bits, so an unsalted SHA-256
 * is enough to make the stored hash useless to a thief while keeping the lookup one indexed read.
 */
public final class ApiKeySecrets {

  /** Every secret starts with this, so leaked keys are easy to spot in code and logs. */
  public static final String PREFIX = "strata_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /** A new random secret. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new public key id. */
  public static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "key_" + HexFormat.of().formatHex(bytes);
  }

  /** The stored form of a secret: SHA-256, hex. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(digest(secret));
  }

  /** Compares two secrets in time that does not depend on where they differ. */
  public static boolean matches(String secret, String expected) {
    return MessageDigest.isEqual(digest(secret), digest(expected));
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
