package io.strata.tenancy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.security.ApiKeyRequest;
import io.strata.security.ApiKeySecrets;
import io.strata.security.CallerCredential;
import io.strata.security.CallerTenant;
import io.strata.security.OperatorKey;
import io.strata.security.Scopes;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves an API key to its tenant and scopes: from {@link ApiKeyCache} when this node checked it
 * lately and nothing changed since, else from PostgreSQL. Either way a revoked key stops working at
 * once. It lives with the keys it reads; {@code security/} only defines what a credential is.
 *
 * <p>Note: it reads through the plain reactive client rather than a Hibernate Reactive session,
 * because authentication runs on whichever thread the endpoint runs on, and a session is bound to
 * its Vert.x context.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

  private static final String LOOKUP = "SELECT k.id, k.name, k.tenant_id, k.scopes, k.expires_at,"
      + " t.max_events_per_second, t.partitions,"
      + " (k.revoked_at IS NOT NULL OR (k.expires_at IS NOT NULL AND k.expires_at <= now()))"
      + " AS inactive FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.hash = $1";

  private final Pool pool;
  private final OperatorKey operatorKey;
  private final ApiKeyCache cache;
  private final Counter fromCache;
  private final Counter fromDatabase;

  ApiKeyIdentityProvider(Pool pool, OperatorKey operatorKey, ApiKeyCache cache,
      MeterRegistry metrics) {
    this.pool = pool;
    this.operatorKey = operatorKey;
    this.cache = cache;
    this.fromCache = lookups(metrics, "cache");
    this.fromDatabase = lookups(metrics, "database");
  }

  private static Counter lookups(MeterRegistry metrics, String source) {
    return Counter.builder("strata.api_key.lookups")
        .description("API keys checked, by where the answer came from")
        .tag("source", source).register(metrics);
  }

  @Override
  public Class<ApiKeyRequest> getRequestType() {
    return ApiKeyRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(ApiKeyRequest request,
      AuthenticationRequestContext context) {
    if (operatorKey.matches(request.secret())) {
      return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal("operator"))
          .addRole(Scopes.OPERATOR)
          .build());
    }
    String hash = ApiKeySecrets.hash(request.secret());
    SecurityIdentity known = cache.get(hash);
    if (known != null) {
      fromCache.increment();
      return Uni.createFrom().item(known);
    }
    fromDatabase.increment();
    long generation = cache.generation();
    return pool.preparedQuery(LOOKUP)
        .execute(Tuple.of(hash))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new AuthenticationFailedException("unknown API key");
          }
          SecurityIdentity identity = identity(rows.iterator().next());
          cache.put(hash, identity, identity.getAttribute(CallerCredential.KEY_EXPIRES_ATTRIBUTE),
              generation);
          return identity;
        });
  }

  private static SecurityIdentity identity(Row row) {
    if (row.getBoolean("inactive")) {
      throw new AuthenticationFailedException("revoked or expired API key");
    }
    QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(row.getString("id")))
        .addAttribute(CallerTenant.ATTRIBUTE, row.getString("tenant_id"))
        .addAttribute(CallerCredential.KEY_ID_ATTRIBUTE, row.getString("id"))
        .addAttribute(CallerCredential.KEY_NAME_ATTRIBUTE, row.getString("name"));
    Object expires = row.getValue("expires_at");
    if (expires instanceof java.time.OffsetDateTime at) {
      identity.addAttribute(CallerCredential.KEY_EXPIRES_ATTRIBUTE, at.toInstant());
    } else if (expires instanceof java.time.LocalDateTime at) {
      identity.addAttribute(CallerCredential.KEY_EXPIRES_ATTRIBUTE, at.toInstant(java.time.ZoneOffset.UTC));
    }
    identity.addAttribute(CallerTenant.PARTITIONS_ATTRIBUTE, row.getInteger("partitions"));
    Integer limit = row.getInteger("max_events_per_second");
    if (limit != null) {
      identity.addAttribute(CallerTenant.EVENTS_PER_SECOND_ATTRIBUTE, limit);
    }
    for (String scope : row.getString("scopes").split(",")) {
      if (!scope.isBlank()) {
        identity.addRole(scope.trim());
      }
    }
    return identity.build();
  }
}
