package io.strata.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads an API key from {@code X-API-Key: <key>} or the {@code Authorization} header: {@code Bearer
 * <key>}, {@code Basic} with the key as password (any user name, for shippers that only speak basic
 * auth), or Elasticsearch's {@code ApiKey <key>} / {@code ApiKey base64(id:key)}. A request without
 * any is anonymous and is refused by the endpoints that need a scope. A bearer token that is a JWT
 * (an OIDC access token) is left to the OIDC mechanism, which runs after this one.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "bearer ";
  private static final String BASIC = "basic ";
  private static final String API_KEY = "apikey ";

  @Override
  public Uni<SecurityIdentity> authenticate(RoutingContext context,
      IdentityProviderManager identityProviderManager) {
    String secret = secret(context);
    if (secret == null || looksLikeJwt(secret)) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(new ApiKeyRequest(secret));
  }

  static String secret(RoutingContext context) {
    return secret(context.request().getHeader(API_KEY_HEADER),
        context.request().getHeader("Authorization"));
  }

  /** The key carried by these header values, or {@code null} when there is none. */
  static String secret(String apiKeyHeader, String authorization) {
    if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
      return apiKeyHeader.trim();
    }
    if (authorization == null) {
      return null;
    }
    if (hasScheme(authorization, BEARER)) {
      return authorization.substring(BEARER.length()).trim();
    }
    if (hasScheme(authorization, BASIC)) {
      String pair = decodeBase64(authorization.substring(BASIC.length()).trim());
      int colon = pair == null ? -1 : pair.indexOf(':');
      if (colon < 0) {
        return null;
      }
      String password = pair.substring(colon + 1);
      return password.isEmpty() ? emptyToNull(pair.substring(0, colon)) : password;
    }
    if (hasScheme(authorization, API_KEY)) {
      // Elasticsearch clients send base64("id:key"); a Strata key may also be given as it is.
      String value = authorization.substring(API_KEY.length()).trim();
      if (value.startsWith(ApiKeySecrets.PREFIX)) {
        return value;
      }
      String decoded = decodeBase64(value);
      if (decoded == null) {
        return emptyToNull(value);
      }
      int colon = decoded.indexOf(':');
      return emptyToNull(colon < 0 ? decoded : decoded.substring(colon + 1));
    }
    return null;
  }

  private static boolean hasScheme(String authorization, String scheme) {
    return authorization.length() > scheme.length()
        && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
  }

  private static String decodeBase64(String value) {
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Whether {@code token} has the shape of a JWS (three base64url parts, a JSON header): API keys
   * never do, since they contain no dots.
   */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return first > 0 && second > first && token.indexOf('.', second + 1) < 0
        && token.startsWith("eyJ");
  }

  /** Before the OIDC mechanism, so that API keys never reach it as opaque tokens. */
  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 100;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"strata\""));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyRequest.class);
  }
}
