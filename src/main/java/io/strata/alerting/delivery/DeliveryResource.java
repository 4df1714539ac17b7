package io.strata.alerting.delivery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditExempt;
import io.strata.infra.http.ProblemException;
import io.strata.infra.time.TimeExpressions;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static final int MAX_LIMIT = 10_000;
  private static final String LIST = "SELECT d.notification_id, d.channel_id, n.event,"
      + " n.rule_id, n.fingerprint, d.attempt, d.attempted_at, d.status_code, d.outcome, d.error,"
      + " d.duration_ms FROM alert_deliveries d JOIN alert_notifications n"
      + " ON n.id = d.notification_id WHERE d.tenant = $1 AND d.attempted_at >= $2"
      + " AND d.attempted_at <= $3 AND ($4::varchar IS NULL OR d.channel_id = $4)"
      + " AND ($5::varchar IS NULL OR n.rule_id = $5)"
      + " ORDER BY d.attempted_at DESC, d.id DESC LIMIT $6";

  private final Pool pool;
  private final SecurityIdentity identity;
  private final InstantSource clock;

  DeliveryResource(Pool pool, SecurityIdentity identity, InstantSource clock) {
    this.pool = pool;
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
    Instant start = time(from == null || from.isBlank() ? "now-24h" : from, "from", now);
    Instant end = time(to == null || to.isBlank() ? "now" : to, "to", now);
    int size = limit == null ? 1000 : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be from 1 to "
          + MAX_LIMIT + ".").with("parameter", "limit");
    }
    return pool.preparedQuery(LIST).execute(Tuple.from(Arrays.asList(tenant,
            start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), blankless(channel),
            blankless(rule), size)))
        .map(rows -> {
          List<DeliveryView> views = new ArrayList<>();
          for (Row row : rows) {
            views.add(new DeliveryView(row.getLong("notification_id"),
                row.getString("channel_id"), row.getString("event"), row.getString("rule_id"),
                row.getString("fingerprint"), row.getInteger("attempt"),
                row.getOffsetDateTime("attempted_at").toInstant(),
                row.getInteger("status_code"), row.getString("outcome"),
                row.getString("error"), row.getInteger("duration_ms")));
          }
          return views;
        });
  }

  private static String blankless(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Instant time(String value, String parameter, long now) {
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage())
          .with("parameter", parameter);
    }
  }
}
