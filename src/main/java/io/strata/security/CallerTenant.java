package io.strata.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;

/** The tenant a request acts for: taken from its credential, never from the payload or the URL. */
public final class CallerTenant {

  /** The identity attribute that carries the tenant id. */
  public static final String ATTRIBUTE = "strata.tenant";

  /** The identity attribute that carries the tenant's ingest limit, when it has one. */
  public static final String EVENTS_PER_SECOND_ATTRIBUTE = "strata.tenant.events-per-second";

  /** The identity attribute that carries how many topic partitions the tenant's events spread over. */
  public static final String PARTITIONS_ATTRIBUTE = "strata.tenant.partitions";

  private CallerTenant() {}

  /** The caller's tenant; a 403 problem for a credential bound to no tenant (the operator's). */
  public static String of(SecurityIdentity identity) {
    Object tenant = identity.getAttribute(ATTRIBUTE);
    if (tenant == null) {
      throw ProblemException.forbidden("This credential is not bound to a tenant; use an API key of the tenant.");
    }
    return tenant.toString();
  }

  /**
   * The caller's tenant, for an operation that changes something; a 403 problem for read-only
   * callers (users whose only role is auditor).
   */
  public static String forWriting(SecurityIdentity identity) {
    if (Boolean.TRUE.equals(identity.getAttribute(TokenIdentityAugmentor.READ_ONLY_ATTRIBUTE))) {
      throw ProblemException.forbidden("Auditors have read-only access.");
    }
    return of(identity);
  }

  /** The caller's tenant's ingest limit in events per second, or 0 for none. */
  public static int eventsPerSecond(SecurityIdentity identity) {
    Object limit = identity.getAttribute(EVENTS_PER_SECOND_ATTRIBUTE);
    return limit instanceof Integer value ? value : 0;
  }

  /** How many partitions of the event topic the caller's tenant's events spread over (1 if unset). */
  public static int partitions(SecurityIdentity identity) {
    Object partitions = identity.getAttribute(PARTITIONS_ATTRIBUTE);
    return partitions instanceof Integer value ? value : 1;
  }
}
