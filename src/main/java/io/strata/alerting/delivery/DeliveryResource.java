package io.strata.alerting.delivery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditExempt;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The delivery log of the caller's tenant: every attempt to send a notification, with the
 * receiver's status code, newest first. Read like alerts ({@code search}, {@code admin}, {@code
 * audit}).
 */
@Path("/api/v1/alerts/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

  /** The most attempts one request lists. */
  public static final int MAX_LIMIT = DeliveryService.MAX_LIMIT;

  private final DeliveryService deliveries;
  private final SecurityIdentity identity;
  private final InstantSource clock;

  DeliveryResource(DeliveryService deliveries, SecurityIdentity identity, InstantSource clock) {
    this.deliveries = deliveries;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Attempts in {@code [from, to]} (default the last 24 h), of one {@code channel} or {@code rule}
   * if given, at most {@code limit} (default 1,000).
   */
  @GET
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists the tenant's notification attempts: no events read, nothing changed")
  public Uni<List<DeliveryView>> list(@QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("channel") String channel,
      @QueryParam("rule") String rule, @QueryParam("limit") Integer limit) {
    String tenant = CallerTenant.of(identity);
    long now = clock.millis();
    Instant start = Instant.ofEpochMilli(QueryParams.time("from",
        from == null || from.isBlank() ? "now-24h" : from, now));
    Instant end = Instant.ofEpochMilli(QueryParams.time("to",
        to == null || to.isBlank() ? "now" : to, now));
    int size = limit == null ? 1000 : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be from 1 to "
          + MAX_LIMIT + ".").with("parameter", "limit");
    }
    return deliveries.list(tenant, start, end, channel, rule, size);
  }
}
