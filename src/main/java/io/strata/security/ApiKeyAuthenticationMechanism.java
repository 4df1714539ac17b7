package io.strata.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}; a request
 * without either is anonymous and is refused by the endpoints that need a scope. A bearer token
 * that is a JWT (an OIDC access token) is left to the OIDC mechanism, which runs after this one.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "bearer ";

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
    String header = context.request().getHeader(API_KEY_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String authorization = context.request().getHeader("Authorization");
    if (authorization != null && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    return null;
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
