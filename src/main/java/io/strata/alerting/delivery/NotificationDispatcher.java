package io.strata.alerting.delivery;

import io.quarkus.scheduler.Scheduled;
import io.strata.alerting.AlertConfig;
import io.strata.alerting.channel.ChannelKind;
import io.strata.alerting.channel.OperatorChannel;
import io.strata.alerting.channel.Receiver;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox: every {@code strata.alerts.delivery-interval}, claims the notifications that
 * are due (any node may; a claimed row is leased, and {@code SKIP LOCKED} keeps two nodes off the
 * same row), sends them in parallel, and records each attempt. A failed one is retried with
 * doubling waits from {@code retry-initial} up to {@code retry-max}, until {@code give-up-after}
 * from when it was written; then it is failed.
 *
 * <p>Delivery is at least once: a node that dies between a receiver's answer and the record of it
 * leaves the row to be sent again when its lease ends. Receivers can drop such a duplicate by the
 * {@value NoticeSender#NOTIFICATION_ID} header (PagerDuty does so by {@code dedup_key}).
 */
@ApplicationScoped
public class NotificationDispatcher {

  /** Notifications claimed per round: more wait for the next one. */
  static final int BATCH = 50;
  private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String CLAIM = "UPDATE alert_notifications n SET lease_until = $2,"
      + " attempts = n.attempts + 1 WHERE n.id IN (SELECT id FROM alert_notifications"
      + " WHERE status = 'pending' AND next_attempt_at <= $1"
      + " AND (lease_until IS NULL OR lease_until < $1) ORDER BY next_attempt_at, id LIMIT $3"
      + " FOR UPDATE SKIP LOCKED)"
      + " RETURNING n.id, n.tenant, n.channel_id, n.event, n.notice, n.attempts, n.created_at";
  private static final String CHANNEL = "SELECT id, tenant, name, kind, url, secret, recipients"
      + " FROM alert_channels WHERE id = $1 AND tenant = $2";
  private static final String RECORD = "INSERT INTO alert_deliveries (notification_id, tenant,"
      + " channel_id, attempt, attempted_at, status_code, outcome, error, duration_ms)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  private static final String DELIVERED = "UPDATE alert_notifications SET status = 'delivered',"
      + " delivered_at = $2, lease_until = NULL, last_status = $3, last_error = NULL"
      + " WHERE id = $1";
  private static final String RETRY = "UPDATE alert_notifications SET next_attempt_at = $2,"
      + " lease_until = NULL, last_status = $3, last_error = $4 WHERE id = $1";
  private static final String FAILED = "UPDATE alert_notifications SET status = 'failed',"
      + " lease_until = NULL, last_status = $2, last_error = $3 WHERE id = $1";

  private final Pool pool;
  private final NoticeSender sender;
  private final InstantSource clock;
  private final AlertConfig config;
  private final OperatorChannel operator;

  NotificationDispatcher(Pool pool, NoticeSender sender, InstantSource clock,
      AlertConfig config, OperatorChannel operator) {
    this.operator = operator;
    this.pool = pool;
    this.sender = sender;
    this.clock = clock;
    this.config = config;
  }

  @Scheduled(every = "${strata.alerts.delivery-interval:2s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    try {
      while (deliverDue() == BATCH) {
        // a full batch: more may be due at once
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Alert notifications could not be delivered; the next round tries again");
    }
  }

  /** A notification claimed for one attempt. */
  private record Claimed(long id, String tenant, String channelId, String event, Notice notice,
      int attempt, Instant createdAt) {}

  /** Claims what is due, sends it and records the outcomes; the number claimed. */
  public int deliverDue() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // Long enough for every send of the batch to time out, and then some.
    Instant leaseEnd = now.plus(config.sendTimeout().multipliedBy(3)).plusSeconds(30);
    List<Claimed> claimed = new ArrayList<>();
    for (Row row : pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), utc(leaseEnd), BATCH))
        .await().atMost(QUERY_TIMEOUT)) {
      claimed.add(new Claimed(row.getLong("id"), row.getString("tenant"),
          row.getString("channel_id"), row.getString("event"),
          Outbox.read(row.getString("notice")), row.getInteger("attempts"),
          row.getOffsetDateTime("created_at").toInstant()));
    }
    List<CompletableFuture<Attempt>> sends = new ArrayList<>();
    for (Claimed notification : claimed) {
      sends.add(attempt(notification));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, leaseEnd.toEpochMilli() - now.toEpochMilli() - 30_000,
            TimeUnit.MILLISECONDS)
        .join();
    // Recorded here, on this worker thread: a send may complete on an event loop, which must not
    // wait for the database.
    for (int i = 0; i < claimed.size(); i++) {
      Attempt outcome = sends.get(i).getNow(Attempt.failed("The send did not finish in time", 0));
      try {
        record(claimed.get(i), outcome);
      } catch (RuntimeException e) {
        LOG.errorf(e, "The attempt of alert notification %d was not recorded; it is tried again"
            + " when its lease ends", claimed.get(i).id());
      }
    }
    return claimed.size();
  }

  private CompletableFuture<Attempt> attempt(Claimed notification) {
    if (notification.tenant() == null) {
      Receiver receiver = operator.receiver();
      return receiver == null
          ? CompletableFuture.completedFuture(Attempt.failed("The channel 'operator' no longer"
              + " exists (STRATA_ALERTS_OPERATOR_* unset)", 0))
          : sender.send(receiver, notification.notice(), Long.toString(notification.id()));
    }
    Row row = null;
    for (Row found : pool.preparedQuery(CHANNEL)
        .execute(Tuple.of(notification.channelId(), notification.tenant())).await()
        .atMost(QUERY_TIMEOUT)) {
      row = found;
    }
    if (row == null) {
      return CompletableFuture.completedFuture(Attempt.failed("The channel '"
          + notification.channelId() + "' no longer exists", 0));
    }
    Receiver receiver = new Receiver(row.getString("id"), row.getString("tenant"),
        row.getString("name"), ChannelKind.find(row.getString("kind")), row.getString("url"),
        row.getString("secret"), io.strata.alerting.channel.Recipients.read(
            row.getString("recipients")));
    return sender.send(receiver, notification.notice(), Long.toString(notification.id()));
  }

  private void record(Claimed notification, Attempt outcome) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    boolean gone = outcome.error() != null && outcome.error().startsWith("The channel '");
    boolean giveUp = gone || !Duration.between(notification.createdAt(), now)
        .minus(config.giveUpAfter()).isNegative();
    String outcomeLabel = outcome.delivered() ? "delivered" : giveUp ? "failed" : "retry";
    pool.withTransaction(connection -> connection.preparedQuery(RECORD)
        .execute(Tuple.from(java.util.Arrays.asList(notification.id(), notification.tenant(),
            notification.channelId(), notification.attempt(), utc(now), outcome.statusCode(),
            outcomeLabel, outcome.error(), (int) Math.min(outcome.durationMs(), Integer.MAX_VALUE))))
        .chain(() -> {
          if (outcome.delivered()) {
            return connection.preparedQuery(DELIVERED).execute(Tuple.of(notification.id(),
                utc(now), outcome.statusCode()));
          }
          if (giveUp) {
            return connection.preparedQuery(FAILED).execute(Tuple.of(notification.id(),
                outcome.statusCode(), outcome.error()));
          }
          return connection.preparedQuery(RETRY).execute(Tuple.of(notification.id(),
              utc(now.plus(backoff(notification.attempt()))), outcome.statusCode(),
              outcome.error()));
        })).await().atMost(QUERY_TIMEOUT);
    if (!outcome.delivered()) {
      // The first failure and the giving up are worth a warning; the retries between, a debug line.
      Logger.Level level = notification.attempt() == 1 || giveUp ? Logger.Level.WARN
          : Logger.Level.DEBUG;
      LOG.logf(level, "Alert notification %d to channel %s of %s, attempt %d: %s%s",
          notification.id(), notification.channelId(), notification.tenant(),
          notification.attempt(), outcome.error(), giveUp ? "; given up" : "; will retry");
    }
  }

  /** The wait after the {@code attempt}th failure: doubling from the initial, at most the max. */
  Duration backoff(int attempt) {
    return Backoff.after(attempt, config.retryInitial(), config.retryMax());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
