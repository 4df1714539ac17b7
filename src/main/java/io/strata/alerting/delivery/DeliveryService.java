package io.strata.alerting.delivery;

import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditExempt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delivery log of a tenant, for the API and the console alike: every attempt to send a
 * notification, with the receiver's status code, newest first. Only the tenant's own attempts.
 */
@ApplicationScoped
public class DeliveryService {

  /** The most attempts one listing holds. */
  public static final int MAX_LIMIT = 10_000;
  private static final String LIST = "SELECT d.notification_id, d.channel_id, n.event,"
      + " n.rule_id, n.fingerprint, d.attempt, d.attempted_at, d.status_code, d.outcome, d.error,"
      + " d.duration_ms FROM alert_deliveries d JOIN alert_notifications n"
      + " ON n.id = d.notification_id WHERE d.tenant = $1 AND d.attempted_at >= $2"
      + " AND d.attempted_at <= $3 AND ($4::varchar IS NULL OR d.channel_id = $4)"
      + " AND ($5::varchar IS NULL OR n.rule_id = $5)"
      + " ORDER BY d.attempted_at DESC, d.id DESC LIMIT $6";

  private final Pool pool;

  DeliveryService(Pool pool) {
    this.pool = pool;
  }

  /**
   * The tenant's attempts in {@code [from, to]}, of one {@code channel} or {@code rule} if not
   * null, at most {@code limit} (1 to {@link #MAX_LIMIT}).
   */
  @AuditExempt("lists the tenant's notification attempts: no events read, nothing changed")
  public Uni<List<DeliveryView>> list(String tenant, Instant from, Instant to, String channel,
      String rule, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.from(Arrays.asList(tenant,
            from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), blankless(channel),
            blankless(rule), limit)))
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
}
