package io.strata.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives an identity signed in through OIDC (a Keycloak token, from the console or as a bearer token)
 * what an API key carries: its tenant, from the token's {@code tenant} claim, checked against the
 * tenants that exist; and Strata's scopes, from its realm roles.
 *
 * <p>Roles map to scopes as: {@code engineer} and {@code auditor} → {@code search}; {@code auditor}
 * and {@code admin} also → {@code audit}; {@code admin},
 * {@code operator}, {@code ingest} and {@code search} → themselves. The tenant claim is set by the
 * identity provider (a user attribute only its administrators may edit), never by the user.
 */
@ApplicationScoped
public class TokenIdentityAugmentor implements SecurityIdentityAugmentor {

  /** The claim that names the user's tenant. */
  public static final String TENANT_CLAIM = "tenant";

  /** The identity attribute set for users whose role is only {@code auditor}: read-only. */
  public static final String READ_ONLY_ATTRIBUTE = "strata.read-only";

  private static final Map<String, String> SCOPE_OF_ROLE = Map.of(
      "engineer", Scopes.SEARCH,
      "auditor", Scopes.SEARCH,
      Scopes.ADMIN, Scopes.ADMIN,
      Scopes.OPERATOR, Scopes.OPERATOR,
      Scopes.INGEST, Scopes.INGEST,
      Scopes.SEARCH, Scopes.SEARCH);
  private static final String LOOKUP =
      "SELECT max_events_per_second, partitions FROM tenants WHERE id = $1";

  private final Pool pool;

  TokenIdentityAugmentor(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity,
      AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
    Set<String> roles = identity.getRoles();
    for (String role : roles) {
      String scope = SCOPE_OF_ROLE.get(role);
      if (scope != null) {
        builder.addRole(scope);
      }
    }
    if (roles.contains("auditor") || roles.contains(Scopes.ADMIN)) {
      builder.addRole(Scopes.AUDIT);
    }
    if (roles.contains("auditor") && !roles.contains("engineer") && !roles.contains(Scopes.ADMIN)) {
      builder.addAttribute(READ_ONLY_ATTRIBUTE, Boolean.TRUE);
    }
    Object claim = token.getClaim(TENANT_CLAIM);
    String tenant = claim == null ? null : claim.toString().trim();
    if (tenant == null || tenant.isEmpty()) {
      // Operators act on no tenant; anyone else gets a 403 from the tenant's endpoints.
      return Uni.createFrom().item(builder.build());
    }
    return pool.preparedQuery(LOOKUP).execute(Tuple.of(tenant)).map(rows -> {
      if (rows.size() == 0) {
        throw new AuthenticationFailedException("the token's tenant '" + tenant + "' does not exist");
      }
      Row row = rows.iterator().next();
      builder.addAttribute(CallerTenant.ATTRIBUTE, tenant);
      builder.addAttribute(CallerTenant.PARTITIONS_ATTRIBUTE, row.getInteger("partitions"));
      Integer limit = row.getInteger("max_events_per_second");
      if (limit != null) {
        builder.addAttribute(CallerTenant.EVENTS_PER_SECOND_ATTRIBUTE, limit);
      }
      return builder.build();
    });
  }
}
