package io.strata.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The credential behind a request, for work that outlives the request (a live tail): which API key
 * it was, if any, and until when it is valid. Such work must end when the credential stops being
 * valid, not only when the client goes away.
 *
 * @param apiKeyId the API key's id, or {@code null} for a token or the console
 * @param expiresAt when the credential expires (a key's {@code expires_at}, a token's {@code exp}),
 *     or {@code null} when it does not
 */
public record CallerCredential(String apiKeyId, Instant expiresAt) {

  /** The identity attribute that carries the API key's id. */
  public static final String KEY_ID_ATTRIBUTE = "strata.api-key-id";

  /** The identity attribute that carries the API key's name (for the audit trail). */
  public static final String KEY_NAME_ATTRIBUTE = "strata.api-key-name";

  /** The identity attribute that carries the API key's expiry, when it has one. */
  public static final String KEY_EXPIRES_ATTRIBUTE = "strata.api-key-expires-at";

  /** A signed-in console user: the console's own session decides how long it lasts. */
  public static final CallerCredential CONSOLE = new CallerCredential(null, null);

  /** The credential of {@code identity}: an API key, or a bearer token and its expiry. */
  public static CallerCredential of(SecurityIdentity identity) {
    Object keyId = identity.getAttribute(KEY_ID_ATTRIBUTE);
    if (keyId != null) {
      return new CallerCredential(keyId.toString(),
          identity.getAttribute(KEY_EXPIRES_ATTRIBUTE) instanceof Instant expires ? expires : null);
    }
    if (identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
      return new CallerCredential(null, Instant.ofEpochSecond(token.getExpirationTime()));
    }
    return CONSOLE;
  }

  /** Whether the credential has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
