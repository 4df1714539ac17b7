package io.strata.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.strata.StrataConfig;
import io.strata.alerting.delivery.Outbox;
import io.strata.alerting.silence.Silence;
import io.strata.alerting.silence.SilenceMatcher;
import io.strata.index.IndexCatchUp;
import io.strata.cluster.ClusterLease;
import io.strata.search.EventFilters;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

/**
 * Evaluates the alert rules that are due, on one node of the cluster (the {@code alert-evaluation}
 * lease), every {@code strata.alerts.tick}. A rule is due at {@code next_run_at} (a new rule at
 * once); the evaluation at time T counts the events of {@code (T - delay - window, T - delay]},
 * where the delay ({@code strata.alerts.evaluation-delay}, 5s by default) lets the events of that
 * range be indexed first; while indexing lags more than that (measured: the longest ingest-to-indexed
 * time of the last minutes), evaluations wait as much longer, and after a start none runs before
 * the indexer has replayed its backlog ({@link IndexCatchUp}). Evaluations missed while Strata was
 * down are caught up in order, those of
 * the last {@link #CATCH_UP} only, at most {@link #MAX_PER_TICK} per rule and tick.
 *
 * <p>Each evaluation is one transaction: the alerts' states, their transitions and the rule's
 * {@code next_run_at} and {@code last_evaluated_at} commit together, and only if {@code
 * next_run_at} is still what this evaluation was for, so a crash or a second node never loses or
 * repeats a transition. Evaluations are not audited one by one: the transitions are their record.
 */
@ApplicationScoped
public class AlertScheduler {

  /** How far back missed evaluations are caught up. */
  static final Duration CATCH_UP = Duration.ofHours(24);
  /** Evaluations of one rule per tick; the rest are caught up by the next ticks. */
  static final int MAX_PER_TICK = 360;

  private static final Logger LOG = Logger.getLogger(AlertScheduler.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final String DUE = "SELECT id, tenant, name, severity, query, kind,"
      + " window_seconds, every_seconds, condition_op, condition_value, group_by, for_seconds,"
      + " channels, renotify_seconds, labels, description, runbook_url, next_run_at"
      + " FROM alert_rules WHERE enabled AND (next_run_at IS NULL OR next_run_at <= $1)"
      + " ORDER BY next_run_at NULLS FIRST, id";
  private static final String STATES = "SELECT fingerprint, group_values, state, since, value,"
      + " last_value, notified, notified_at FROM alert_states WHERE rule_id = $1 FOR UPDATE";
  private static final String SILENCES = "SELECT id, tenant, rule_ids, matchers, starts_at,"
      + " ends_at FROM alert_silences WHERE ends_at > $1";
  private static final String UPSERT = "INSERT INTO alert_states (fingerprint, tenant, rule_id,"
      + " group_values, state, since, value, last_value, ack_by, ack_at, updated_at, notified,"
      + " notified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, $9, $10, $11)"
      + " ON CONFLICT (fingerprint) DO UPDATE SET state = EXCLUDED.state, since = EXCLUDED.since,"
      + " value = EXCLUDED.value, last_value = EXCLUDED.last_value,"
      + " ack_by = CASE WHEN EXCLUDED.state = 'acknowledged' THEN alert_states.ack_by END,"
      + " ack_at = CASE WHEN EXCLUDED.state = 'acknowledged' THEN alert_states.ack_at END,"
      + " updated_at = EXCLUDED.updated_at, notified = EXCLUDED.notified,"
      + " notified_at = EXCLUDED.notified_at";
  private static final String LAST_VALUE = "UPDATE alert_states SET last_value = $2,"
      + " updated_at = $3, notified = $4, notified_at = $5 WHERE fingerprint = $1";
  private static final String DELETE = "DELETE FROM alert_states WHERE fingerprint = $1";
  private static final String TRANSITION = "INSERT INTO alert_transitions (tenant, rule_id,"
      + " fingerprint, group_values, from_state, to_state, value, evaluated_at, actor, detail)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)";
  private static final String ADVANCE = "UPDATE alert_rules SET next_run_at = $2,"
      + " last_evaluated_at = $3 WHERE id = $1 AND next_run_at IS NOT DISTINCT FROM $4";

  private final Pool pool;
  private final RuleEvaluator evaluator;
  private final EventFilters filters;
  private final ClusterLease lease;
  private final InstantSource clock;
  private final Duration delay;
  private final Duration tick;
  private final String consoleUrl;
  private final Counter succeeded;
  private final Counter failed;
  private final Timer counting;
  private final MeterRegistry metrics;
  private final IndexCatchUp catchUp;

  AlertScheduler(Pool pool, RuleEvaluator evaluator, EventFilters filters, ClusterLease lease,
      InstantSource clock, AlertConfig config, StrataConfig strata, MeterRegistry metrics,
      IndexCatchUp catchUp) {
    this.metrics = metrics;
    this.catchUp = catchUp;
    this.succeeded = metrics.counter("strata.alerts.evaluations", "outcome", "ok");
    this.failed = metrics.counter("strata.alerts.evaluations", "outcome", "failed");
    this.counting = metrics.timer("strata.alerts.evaluation.query", "outcome", "ok");
    this.pool = pool;
    this.evaluator = evaluator;
    this.filters = filters;
    this.lease = lease;
    this.clock = clock;
    this.delay = config.evaluationDelay();
    this.tick = config.tick();
    this.consoleUrl = strata.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
  }

  @Scheduled(every = "${strata.alerts.tick:5s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not before start-up is over: the schema may still be migrating.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    // The lease outlives a few ticks, so a node that stops renewing it hands over quickly.
    if (!lease.tryAcquire("alert-evaluation", tick.multipliedBy(6).plusSeconds(10))) {
      return;
    }
    try {
      if (!catchUp.caughtUp()) {
        // After a restart the indexer replays what it had not committed: counting those minutes
        // now would count them short. Their evaluations are caught up once it has.
        LOG.debugf("Alert evaluation waits for the indexer to catch up");
        return;
      }
      runDue();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Alert rules could not be evaluated; the next tick tries again");
    }
  }

  /** A rule as the scheduler reads it. */
  private record DueRule(String id, String tenant, String query, RuleKind kind, int window,
      int every, Comparison op, BigDecimal value, List<String> groupBy, int forSeconds,
      Instant nextRunAt, List<String> channels, Integer renotifySeconds,
      AlertNotices.RuleFacts facts) {}

  /** Evaluates every rule that is due now, each as often as it has been due. */
  public synchronized void runDue() {
    // Evaluations wait while indexing lags more than the configured delay, as measured over the
    // last minutes (the longest time from ingest to indexed): the window's events are then in.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS).minus(indexingLag());
    List<DueRule> due = new ArrayList<>();
    for (Row row : pool.preparedQuery(DUE).execute(Tuple.of(utc(now))).await()
        .atMost(QUERY_TIMEOUT)) {
      due.add(rule(row));
    }
    Map<String, List<SilenceMatcher>> silences = due.isEmpty() ? Map.of() : silences(now);
    for (DueRule rule : due) {
      try {
        runDue(rule, now, silences.getOrDefault(rule.tenant(), List.of()));
      } catch (RuntimeException e) {
        LOG.errorf(e, "Alert rule %s of %s could not be evaluated", rule.id(), rule.tenant());
      }
    }
  }

  /** How much longer than the configured delay indexing takes now; zero when it keeps up. */
  Duration indexingLag() {
    Timer timer = metrics.find("strata.index.delay").timer();
    if (timer == null) {
      return Duration.ZERO;
    }
    long lag = (long) timer.max(java.util.concurrent.TimeUnit.MILLISECONDS) - delay.toMillis();
    return lag <= 0 ? Duration.ZERO : Duration.ofMillis(Math.min(lag, CATCH_UP.toMillis()));
  }

  /** The tenant's silences that may be in force at an evaluation being caught up, by tenant. */
  private Map<String, List<SilenceMatcher>> silences(Instant now) {
    Map<String, List<SilenceMatcher>> byTenant = new HashMap<>();
    for (Row row : pool.preparedQuery(SILENCES).execute(Tuple.of(utc(now.minus(CATCH_UP))))
        .await().atMost(QUERY_TIMEOUT)) {
      byTenant.computeIfAbsent(row.getString("tenant"), t -> new ArrayList<>())
          .add(Silence.matcher(row.getString("id"), row.getString("rule_ids"),
              row.getString("matchers"), row.getOffsetDateTime("starts_at").toInstant(),
              row.getOffsetDateTime("ends_at").toInstant()));
    }
    return byTenant;
  }

  private void runDue(DueRule rule, Instant now, List<SilenceMatcher> silences) {
    Instant expected = rule.nextRunAt();
    Instant at = expected == null ? now : expected;
    Duration every = Duration.ofSeconds(rule.every());
    Instant oldest = now.minus(CATCH_UP);
    if (at.isBefore(oldest)) {
      long skipped = (Duration.between(at, oldest).toMillis() + every.toMillis() - 1)
          / every.toMillis();
      LOG.warnf("Alert rule %s of %s skips %d evaluations older than %s", rule.id(),
          rule.tenant(), skipped, CATCH_UP);
      at = at.plus(every.multipliedBy(skipped));
    }
    Query query = null;
    String failure = null;
    try {
      query = AlertPreviewService.parse(filters, rule.query());
    } catch (RuntimeException e) {
      failure = "The query cannot be parsed: " + e.getMessage();
    }
    for (int done = 0; !at.isAfter(now) && done < MAX_PER_TICK; done++) {
      Instant next = at.plus(every);
      if (!evaluate(rule, query, failure, at, expected, next, silences)) {
        return; // evaluated elsewhere meanwhile, or changed: the next tick reads it again
      }
      expected = next;
      at = next;
    }
  }

  /** One evaluation at {@code at}, in one transaction; false if the rule was not as expected. */
  private boolean evaluate(DueRule rule, Query query, String parseFailure, Instant at,
      Instant expected, Instant next, List<SilenceMatcher> silences) {
    Counted counts = null;
    String failure = parseFailure;
    if (failure == null) {
      long start = System.nanoTime();
      try {
        counts = count(rule, query, at);
        counting.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        failure = "The query failed: " + e.getMessage();
        LOG.warnf("Alert rule %s of %s failed at %s: %s", rule.id(), rule.tenant(), at,
            e.getMessage());
      }
    }
    SqlConnection connection = pool.getConnection().await().atMost(QUERY_TIMEOUT);
    try {
      boolean done = inTransaction(connection, new Evaluation(rule, at, silences), counts,
          failure, expected, next);
      if (done) {
        (failure == null ? succeeded : failed).increment();
      }
      return done;
    } finally {
      connection.close().await().atMost(QUERY_TIMEOUT);
    }
  }

  /** One evaluation of a rule at {@code at}, with the silences that may cover its alerts. */
  private record Evaluation(DueRule rule, Instant at, List<SilenceMatcher> silences) {}

  private boolean inTransaction(SqlConnection connection, Evaluation evaluation,
      Counted counts, String failure, Instant expected, Instant next) {
    DueRule rule = evaluation.rule();
    Instant at = evaluation.at();
    Transaction transaction = connection.begin().await().atMost(QUERY_TIMEOUT);
    try {
      Map<String, Row> states = new LinkedHashMap<>();
      for (Row row : connection.preparedQuery(STATES).execute(Tuple.of(rule.id())).await()
          .atMost(QUERY_TIMEOUT)) {
        states.put(row.getString("fingerprint"), row);
      }
      if (failure != null) {
        failed(connection, evaluation, states, failure);
      } else {
        judged(connection, evaluation, states, counts);
      }
      int advanced = connection.preparedQuery(ADVANCE)
          .execute(Tuple.of(rule.id(), utc(next), utc(at), utc(expected))).await()
          .atMost(QUERY_TIMEOUT).rowCount();
      if (advanced != 1) {
        transaction.rollback().await().atMost(QUERY_TIMEOUT);
        return false;
      }
      transaction.commit().await().atMost(QUERY_TIMEOUT);
      return true;
    } catch (RuntimeException e) {
      try {
        transaction.rollback().await().atMost(QUERY_TIMEOUT);
      } catch (RuntimeException ignored) {
        // the connection is closed below; the transaction ends with it
      }
      throw e;
    }
  }

  /**
   * The rule's groups at {@code at}: for each, {current count, previous count (no_data only),
   * condition met (1) or not (0)}; {@code truncated} when the current range had more groups than
   * are counted, so that a group missing from them may have events.
   */
  private record Counted(Map<Map<String, String>, long[]> groups, boolean truncated) {}

  private Counted count(DueRule rule, Query query, Instant at) {
    long to = at.minus(delay).toEpochMilli();
    long window = rule.window() * 1000L;
    Map<Map<String, String>, long[]> groups = new LinkedHashMap<>();
    GroupCounts current = evaluator.count(rule.tenant(), rule.query(), query, to - window, to, rule.groupBy());
    for (GroupCounts.Group group : current.groups()) {
      groups.computeIfAbsent(group.values(), g -> new long[3])[0] += group.count();
    }
    if (rule.kind() == RuleKind.NO_DATA) {
      GroupCounts previous = evaluator.count(rule.tenant(), rule.query(), query, to - 2 * window,
          to - window - 1, rule.groupBy());
      for (GroupCounts.Group group : previous.groups()) {
        if (current.truncated() && !groups.containsKey(group.values())) {
          continue; // not among the counted groups now: its current count is unknown, not 0
        }
        groups.computeIfAbsent(group.values(), g -> new long[3])[1] += group.count();
      }
    }
    for (long[] group : groups.values()) {
      group[2] = met(rule, group[0], group[1]) ? 1 : 0;
    }
    return new Counted(groups, current.truncated());
  }

  /**
   * Whether a no_data alert in {@code state} is active: once pending or firing, it stays so while
   * its group stays silent (the window before is then silent too), until events come back.
   */
  private static boolean active(AlertState state) {
    return state == AlertState.PENDING || state == AlertState.FIRING
        || state == AlertState.ACKNOWLEDGED;
  }

  /**
   * Whether the condition holds: threshold, the count against the condition; no_data, events in
   * the previous window and none in this one.
   */
  private static boolean met(DueRule rule, long current, long previous) {
    return rule.kind() == RuleKind.THRESHOLD ? rule.op().holds(current, rule.value())
        : previous > 0 && current == 0;
  }

  private void judged(SqlConnection connection, Evaluation evaluation, Map<String, Row> states,
      Counted counts) {
    DueRule rule = evaluation.rule();
    Instant at = evaluation.at();
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    Map<String, long[]> values = new HashMap<>();
    for (Map.Entry<Map<String, String>, long[]> group : counts.groups().entrySet()) {
      String fingerprint = AlertFingerprint.of(rule.id(), group.getKey());
      groups.put(fingerprint, group.getKey());
      values.put(fingerprint, group.getValue());
    }
    for (Map.Entry<String, Row> state : states.entrySet()) {
      boolean error = AlertState.ERROR.label().equals(state.getValue().getString("state"));
      if (!groups.containsKey(state.getKey()) && counts.truncated() && !error) {
        continue; // beyond the groups counted: unknown, so left as it is
      }
      if (!groups.containsKey(state.getKey())) {
        // A known group without events in the range counts 0, and is judged on 0; an error
        // (kept under the rule's empty group) is over once an evaluation succeeds.
        Map<String, String> group = AlertFingerprint.read(state.getValue()
            .getString("group_values"));
        groups.put(state.getKey(), group);
        values.put(state.getKey(), new long[] {0, 0, !error && met(rule, 0, 0) ? 1 : 0});
      }
    }
    for (Map.Entry<String, Map<String, String>> group : groups.entrySet()) {
      String fingerprint = group.getKey();
      long[] value = values.get(fingerprint);
      Row row = states.get(fingerprint);
      AlertState previous = row == null ? AlertState.OK : AlertState.of(row.getString("state"));
      Instant since = row == null ? null : row.getOffsetDateTime("since").toInstant();
      boolean met = value[2] == 1
          || (rule.kind() == RuleKind.NO_DATA && value[0] == 0 && active(previous));
      AlertStateMachine.Step step = AlertStateMachine.evaluate(previous, since, met,
          rule.forSeconds(), at);
      apply(connection, evaluation, fingerprint, group.getValue(), row, previous, step, value[0],
          null);
    }
  }

  /** The query failed: the rule's alert of its empty group is in error, the others stay. */
  private void failed(SqlConnection connection, Evaluation evaluation, Map<String, Row> states,
      String failure) {
    DueRule rule = evaluation.rule();
    Instant at = evaluation.at();
    String fingerprint = AlertFingerprint.of(rule.id(), Map.of());
    Row row = states.get(fingerprint);
    AlertState previous = row == null ? AlertState.OK : AlertState.of(row.getString("state"));
    Instant since = row == null ? null : row.getOffsetDateTime("since").toInstant();
    AlertStateMachine.Step step = AlertStateMachine.failed(previous, since, at);
    apply(connection, evaluation, fingerprint, Map.of(), row, previous, step, null, failure);
  }

  /**
   * Writes one alert's step: its transition and new state, and the notification it is due (in the
   * outbox, one row per channel of the rule) with what its receivers will then have been told.
   */
  private void apply(SqlConnection connection, Evaluation evaluation, String fingerprint,
      Map<String, String> group, Row row, AlertState previous, AlertStateMachine.Step step,
      Long value, String detail) {
    DueRule rule = evaluation.rule();
    Instant at = evaluation.at();
    String groupJson = AlertFingerprint.write(group);
    String notified = row == null ? null : row.getString("notified");
    OffsetDateTime notifiedTime = row == null ? null : row.getOffsetDateTime("notified_at");
    Instant notifiedAt = notifiedTime == null ? null : notifiedTime.toInstant();
    boolean silenced = SilenceMatcher.first(evaluation.silences(), rule.id(),
        labels(rule, group), at) != null;
    NotificationPolicy.Decision decision = NotificationPolicy.decide(step.state(),
        step.transition(), step.since(), notified, notifiedAt, rule.renotifySeconds(),
        rule.every(), silenced, at);
    if (decision.event() != null && !rule.channels().isEmpty()) {
      Instant startsAt = decision.event().equals(NotificationPolicy.RESOLVED) && row != null
          ? row.getOffsetDateTime("since").toInstant() : step.since();
      Outbox.enqueue(connection, AlertNotices.notice(decision.event(), rule.facts(),
          fingerprint, group, value, startsAt, at, at.minus(delay), detail, consoleUrl),
          rule.channels(), at);
    }
    boolean notifiedChanged = !Objects.equals(notified, decision.notified())
        || !Objects.equals(notifiedAt, decision.notifiedAt());
    if (step.transition()) {
      execute(connection, TRANSITION, rule.tenant(), rule.id(), fingerprint, groupJson,
          previous.label(), step.state().label(), value, utc(at), detail);
      if (step.state() == AlertState.OK) {
        execute(connection, DELETE, fingerprint);
      } else {
        execute(connection, UPSERT, fingerprint, rule.tenant(), rule.id(), groupJson,
            step.state().label(), utc(step.since()), value, value, utc(at), decision.notified(),
            utc(decision.notifiedAt()));
      }
    } else if (row != null && ((value != null && !value.equals(row.getLong("last_value")))
        || notifiedChanged)) {
      execute(connection, LAST_VALUE, fingerprint, value == null ? row.getLong("last_value")
          : value, utc(at), decision.notified(), utc(decision.notifiedAt()));
    }
  }

  private static Map<String, String> labels(DueRule rule, Map<String, String> group) {
    return SilenceLabels.of(rule.facts().labels(), rule.facts().name(), rule.facts().severity(),
        group);
  }

  private static void execute(SqlConnection connection, String sql, Object... values) {
    connection.preparedQuery(sql).execute(Tuple.from(Arrays.asList(values))).await()
        .atMost(QUERY_TIMEOUT);
  }

  private static DueRule rule(Row row) {
    List<String> groupBy;
    List<String> channels;
    Map<String, String> labels;
    try {
      groupBy = JSON.readValue(row.getString("group_by"), STRINGS);
      channels = JSON.readValue(row.getString("channels"), STRINGS);
      labels = JSON.readValue(row.getString("labels"), LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert rule " + row.getString("id")
          + " has an unreadable JSON column", e);
    }
    OffsetDateTime next = row.getOffsetDateTime("next_run_at");
    RuleKind kind = RuleKind.of(row.getString("kind"));
    Comparison op = Comparison.of(row.getString("condition_op"));
    BigDecimal value = row.getBigDecimal("condition_value");
    AlertNotices.RuleFacts facts = new AlertNotices.RuleFacts(row.getString("id"),
        row.getString("tenant"), row.getString("name"), row.getString("severity"),
        row.getString("query"), kind, row.getInteger("window_seconds"), op, value, labels,
        row.getString("description"), row.getString("runbook_url"));
    return new DueRule(row.getString("id"), row.getString("tenant"), row.getString("query"),
        kind, row.getInteger("window_seconds"), row.getInteger("every_seconds"), op, value,
        groupBy, row.getInteger("for_seconds"), next == null ? null : next.toInstant(), channels,
        row.getInteger("renotify_seconds"), facts);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
