package io.strata.alerting;

import io.strata.StrataConfig;
import io.strata.alerting.channel.OperatorChannel;
import io.strata.alerting.delivery.Notice;
import io.strata.alerting.delivery.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The alerts of the platform itself, which no tenant defines and none can switch off: each is a
 * named condition that a watcher reports as met or not ({@link #report}); it fires when met and
 * resolves when no longer, told to the operator's channel as a tenant's alert is told to its
 * channels — through the outbox, in the transaction of the state change, again every {@code
 * renotify} while it fires.
 */
@ApplicationScoped
public class PlatformAlerts {

  /** A platform condition as reported. */
  public record Condition(String name, String title, boolean met, long value, String summary,
      String link) {}

  private static final Logger LOG = Logger.getLogger(PlatformAlerts.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String READ = "SELECT state, since, notified, notified_at"
      + " FROM platform_alerts WHERE name = $1 FOR UPDATE";
  private static final String WRITE = "INSERT INTO platform_alerts (name, state, since, value,"
      + " summary, notified, notified_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
      + " ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, since = EXCLUDED.since,"
      + " value = EXCLUDED.value, summary = EXCLUDED.summary, notified = EXCLUDED.notified,"
      + " notified_at = EXCLUDED.notified_at, updated_at = EXCLUDED.updated_at";

  private final Pool pool;
  private final OperatorChannel operator;
  private final InstantSource clock;
  private final int renotifySeconds;
  private final String consoleUrl;

  PlatformAlerts(Pool pool, OperatorChannel operator, InstantSource clock, AlertConfig config,
      StrataConfig strata) {
    this.pool = pool;
    this.operator = operator;
    this.clock = clock;
    this.renotifySeconds = (int) Math.max(60, config.operator().renotify().toSeconds());
    this.consoleUrl = strata.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
  }

  /** Records the condition's state and, in the same transaction, the notification it is due. */
  public void report(Condition condition) {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // Called on worker threads: the connection's steps are awaited in turn, as the scheduler does.
    SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
    try {
      Transaction transaction = connection.begin().await().atMost(TIMEOUT);
      try {
        Row row = null;
        for (Row found : connection.preparedQuery(READ).execute(Tuple.of(condition.name()))
            .await().atMost(TIMEOUT)) {
          row = found;
        }
        write(connection, condition, row, at);
        transaction.commit().await().atMost(TIMEOUT);
      } catch (RuntimeException e) {
        try {
          transaction.rollback().await().atMost(TIMEOUT);
        } catch (RuntimeException ignored) {
          // the connection is closed below; the transaction ends with it
        }
        throw e;
      }
    } finally {
      connection.close().await().atMost(TIMEOUT);
    }
  }

  private void write(SqlConnection connection, Condition condition, Row row, Instant at) {
    AlertState previous = row == null ? AlertState.OK : AlertState.of(row.getString("state"));
    Instant since = row == null ? at : row.getOffsetDateTime("since").toInstant();
    boolean firing = previous == AlertState.FIRING;
    AlertState state = condition.met() ? AlertState.FIRING
        : firing ? AlertState.RESOLVED : previous;
    boolean transition = state != previous;
    if (transition) {
      since = at;
    }
    String notified = row == null ? null : row.getString("notified");
    OffsetDateTime notifiedTime = row == null ? null : row.getOffsetDateTime("notified_at");
    Instant notifiedAt = notifiedTime == null ? null : notifiedTime.toInstant();
    NotificationPolicy.Decision decision = NotificationPolicy.decide(state, transition, since,
        notified, notifiedAt, renotifySeconds, 60, false, at);
    if (decision.event() != null) {
      if (operator.receiver() == null) {
        LOG.warnf("Platform alert %s is %s: %s (no operator channel: set"
            + " STRATA_ALERTS_OPERATOR_KIND and _URL or _TO to be told)", condition.name(),
            decision.event(), condition.summary());
      } else {
        Instant startsAt = Notice.RESOLVED.equals(decision.event()) && row != null
            ? row.getOffsetDateTime("since").toInstant() : since;
        Notice notice = new Notice(decision.event(), null, "platform:" + condition.name(),
            condition.title(), "critical", fingerprint(condition.name()), Map.of(),
            Map.of("platform", "true"), condition.value(), condition.summary(), startsAt,
            Notice.RESOLVED.equals(decision.event()) ? at : null, at, null, null, null,
            condition.link() == null ? null : consoleUrl + condition.link());
        Outbox.enqueue(connection, notice, List.of(OperatorChannel.ID), at);
      }
    }
    if (row == null && state == AlertState.OK) {
      return; // never fired: nothing to keep
    }
    if (transition || !Objects.equals(notified, decision.notified()) || row != null) {
      connection.preparedQuery(WRITE).execute(Tuple.from(Arrays.asList(condition.name(),
              state.label(), since.atOffset(ZoneOffset.UTC), condition.value(),
              condition.summary(), decision.notified(), decision.notifiedAt() == null ? null
                  : decision.notifiedAt().atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC))))
          .await().atMost(TIMEOUT);
    }
  }

  /** The platform alerts that have fired, as kept: name, state, since, value, summary. */
  public List<Map<String, Object>> list() {
    return pool.query("SELECT name, state, since, value, summary, notified_at FROM"
            + " platform_alerts ORDER BY name").execute()
        .map(rows -> {
          List<Map<String, Object>> all = new java.util.ArrayList<>();
          for (Row row : rows) {
            Map<String, Object> alert = new java.util.LinkedHashMap<>();
            alert.put("name", row.getString("name"));
            alert.put("state", row.getString("state"));
            alert.put("since", row.getOffsetDateTime("since").toInstant().toString());
            alert.put("value", row.getLong("value"));
            alert.put("summary", row.getString("summary"));
            OffsetDateTime told = row.getOffsetDateTime("notified_at");
            alert.put("notified_at", told == null ? null : told.toInstant().toString());
            all.add(alert);
          }
          return all;
        }).await().atMost(TIMEOUT);
  }

  static String fingerprint(String name) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(("platform:" + name).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 always exists", e);
    }
  }
}
