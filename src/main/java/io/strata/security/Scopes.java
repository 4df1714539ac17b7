package io.strata.security;

import java.util.Set;

/** The permissions a credential can carry; each is a role for {@code @RolesAllowed}. */
public final class Scopes {

  /** Push events. */
  public static final String INGEST = "ingest";

  /** Search, and the read APIs built on it. */
  public static final String SEARCH = "search";

  /** Manage the own tenant's API keys. */
  public static final String ADMIN = "admin";

  /** Read the tenant's audit trail and reports (auditors and admins). */
  public static final String AUDIT = "audit";

  /** The platform operator: creates tenants and their first keys. Never granted to an API key. */
  public static final String OPERATOR = "operator";

  /** Scopes an API key may be given. */
  public static final Set<String> KEY_SCOPES = Set.of(INGEST, SEARCH, ADMIN, AUDIT);

  private Scopes() {}
}
