package io.strata.alerting;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.alerting.silence.Silence;
import io.strata.alerting.silence.SilenceMatcher;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alerts of a tenant as the scheduler left them, their history, and the one change a user
 * makes: an ack, recorded in the audit trail ({@code alert.ack}) in the ack's own transaction.
 * Every lookup is by tenant, so another tenant's alert is indistinguishable from a missing one.
 */
@ApplicationScoped
public class AlertService {

  /** The states listed as current alerts. */
  static final List<String> CURRENT = List.of(AlertState.PENDING.label(),
      AlertState.FIRING.label(), AlertState.ACKNOWLEDGED.label(), AlertState.ERROR.label());
  public static final int MAX_HISTORY = 10_000;

  private final AuditTrail audit;
  private final InstantSource clock;

  AlertService(AuditTrail audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** The tenant's pending, firing, acknowledged and failing alerts, newest first. */
  @WithSession
  @AuditExempt("lists the tenant's alert states: no events read, nothing changed")
  public Uni<List<AlertView>> current(String tenant) {
    Instant now = clock.instant();
    return AlertRule.<AlertRule>list("tenant", tenant)
        .chain(rules -> Silence.<Silence>list("tenant = ?1 and startsAt <= ?2 and endsAt > ?2",
                tenant, now)
            .chain(silences -> Alert.<Alert>list("tenant = ?1 and state in ?2",
                    Sort.by("since").descending().and("fingerprint"), tenant, CURRENT)
                .map(alerts -> views(alerts, rules, silences.stream().map(Silence::matcher)
                    .toList(), now))));
  }

  /** The tenant's transitions in {@code [from, to]}, of one rule if given, newest first. */
  @WithSession
  @AuditExempt("lists the tenant's alert transitions: no events read, nothing changed")
  public Uni<List<AlertTransitionView>> history(String tenant, Instant from, Instant to,
      String rule, int limit) {
    String where = "tenant = :tenant and evaluatedAt >= :from and evaluatedAt <= :to"
        + (rule == null ? "" : " and ruleId = :rule");
    Parameters parameters = Parameters.with("tenant", tenant).and("from", from).and("to", to);
    if (rule != null) {
      parameters = parameters.and("rule", rule);
    }
    return AlertTransition.<AlertTransition>find(where,
            Sort.by("evaluatedAt").descending().and("id", Sort.Direction.Descending), parameters)
        .range(0, limit - 1).list()
        .map(all -> all.stream().map(AlertTransitionView::of).toList());
  }

  /**
   * Acknowledges the tenant's firing alert: 404 when the tenant has none with this fingerprint,
   * 409 when it is not firing. It stays acknowledged until it resolves.
   */
  @WithTransaction
  @Audited("alert.ack")
  public Uni<AlertView> acknowledge(Caller caller, String fingerprint) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert.ack", fingerprint),
        () -> Alert.<Alert>find("fingerprint = ?1 and tenant = ?2", fingerprint, tenant)
            .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
            .chain(alert -> {
              if (alert == null) {
                throw ProblemException.notFound("No alert '" + fingerprint
                    + "' in this tenant.");
              }
              AlertState state = AlertState.of(alert.state);
              if (!AlertStateMachine.acknowledgeable(state)) {
                throw ProblemException.conflict("Only a firing alert can be acknowledged; this"
                    + " one is " + state.label() + ".").with("state", state.label());
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              AlertTransition transition = new AlertTransition();
              transition.tenant = tenant;
              transition.ruleId = alert.ruleId;
              transition.fingerprint = alert.fingerprint;
              transition.groupValues = alert.groupValues;
              transition.fromState = alert.state;
              transition.toState = AlertState.ACKNOWLEDGED.label();
              transition.value = alert.lastValue == null ? alert.value : alert.lastValue;
              transition.evaluatedAt = now;
              transition.actor = caller.actorName();
              alert.state = AlertState.ACKNOWLEDGED.label();
              alert.since = now;
              alert.ackBy = caller.actorName();
              alert.ackAt = now;
              alert.updatedAt = now;
              return transition.persist()
                  .chain(() -> AlertRule.<AlertRule>findById(alert.ruleId))
                  .map(rule -> AlertView.of(alert, rule));
            }), null);
  }

  private static List<AlertView> views(List<Alert> alerts, List<AlertRule> rules,
      List<SilenceMatcher> silences, Instant now) {
    Map<String, AlertRule> byId = rules.stream()
        .collect(Collectors.toMap(rule -> rule.id, Function.identity()));
    return alerts.stream().map(alert -> {
      AlertRule rule = byId.get(alert.ruleId);
      SilenceMatcher silence = rule == null ? null
          : SilenceMatcher.first(silences, rule.id, rule.silenceLabels(
              AlertFingerprint.read(alert.groupValues)), now);
      return AlertView.of(alert, rule, silence == null ? null : silence.id());
    }).toList();
  }
}
