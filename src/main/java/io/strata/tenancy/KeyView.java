package io.strata.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** An API key as the API shows it; {@code key} (the secret) only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(String id, String tenant, String name, List<String> scopes,
    @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt,
    @JsonProperty("revoked_at") Instant revokedAt, String key) {

  public static KeyView of(ApiKey key) {
    return new KeyView(key.id, key.tenantId, key.name, key.scopeList(), key.createdAt, key.expiresAt,
        key.revokedAt, null);
  }

  public static KeyView issued(ApiKeyService.Issued issued) {
    ApiKey key = issued.key();
    return new KeyView(key.id, key.tenantId, key.name, key.scopeList(), key.createdAt, key.expiresAt,
        null, issued.secret());
  }
}
