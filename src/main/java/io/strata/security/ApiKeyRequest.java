package io.strata.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request to authenticate the secret of an API key (or the operator key). */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

  private final String secret;

  public ApiKeyRequest(String secret) {
    this.secret = secret;
  }

  public String secret() {
    return secret;
  }
}
