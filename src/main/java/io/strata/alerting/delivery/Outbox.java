package io.strata.alerting.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Writes notifications to the outbox ({@code alert_notifications}), one row per channel, on the
 * connection of the caller's transaction: the state change that causes a notification and the
 * notification commit together or not at all, so none is lost and none written twice.
 */
public final class Outbox {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The insert of one row, parameters as {@link #rowValues}: for callers with their own client. */
  public static final String INSERT_SQL = "INSERT INTO alert_notifications (tenant, channel_id,"
      + " rule_id, fingerprint, event, notice, status, attempts, created_at, next_attempt_at)"
      + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7)";
  private static final String INSERT = "INSERT INTO alert_notifications (tenant, channel_id,"
      + " rule_id, fingerprint, event, notice, status, attempts, created_at, next_attempt_at)"
      + " VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7)";

  private Outbox() {}

  /** Adds {@code notice} for each of {@code channels}, due at once. */
  public static void enqueue(SqlConnection connection, Notice notice, List<String> channels,
      Instant at) {
    if (channels.isEmpty()) {
      return;
    }
    String text = write(notice);
    List<Tuple> rows = channels.stream().map(channel -> Tuple.from(Arrays.asList(notice.tenant(),
        channel, notice.ruleId(), notice.fingerprint(), notice.event(), text,
        at.atOffset(ZoneOffset.UTC)))).toList();
    connection.preparedQuery(INSERT).executeBatch(rows).await().atMost(TIMEOUT);
  }

  /** The notice as the outbox keeps it (JSON). */
  public static String write(Notice notice) {
    try {
      return JSON.writeValueAsString(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notice is always JSON", e);
    }
  }

  static Notice read(String text) {
    try {
      return JSON.readValue(text, Notice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an outbox row's notice is always JSON", e);
    }
  }
}
