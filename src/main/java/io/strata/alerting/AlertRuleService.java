package io.strata.alerting;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.strata.StrataConfig;
import io.strata.alerting.channel.Channel;
import io.strata.alerting.delivery.Notice;
import io.strata.alerting.delivery.Outbox;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import io.strata.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, reads, replaces and deletes the alert rules of a tenant. Every lookup is by id and
 * tenant together, so another tenant's rule is indistinguishable from a missing one; every change
 * is recorded in the change's own transaction ({@code alert_rule.create|update|delete}).
 */
@ApplicationScoped
public class AlertRuleService {

  /** Rules one tenant may keep: each is evaluated every {@code every}, so they are not free. */
  public static final int MAX_PER_TENANT = 1000;

  private final AuditTrail audit;
  private final InstantSource clock;
  private final String consoleUrl;

  AlertRuleService(AuditTrail audit, InstantSource clock, StrataConfig strata) {
    this.audit = audit;
    this.clock = clock;
    this.consoleUrl = strata.publicUrl().toString().replaceAll("/+$", "") + "/ui/";
  }

  /** The tenant's rules, by name. */
  @WithSession
  @AuditExempt("lists alert rules: no events read, nothing changed")
  public Uni<List<AlertRule>> list(String tenant) {
    return AlertRule.list("tenant", Sort.by("name"), tenant);
  }

  /** The tenant's rule; a 404 problem when the tenant has none with this id. */
  @WithSession
  @AuditExempt("reads one alert rule: no events read, nothing changed")
  public Uni<AlertRule> get(String tenant, String id) {
    return owned(tenant, id).map(rule -> require(rule, id));
  }

  /** Stores a rule that passed the checks: 409 for a taken name or a full tenant. */
  @WithTransaction
  @Audited("alert_rule.create")
  public Uni<AlertRule> create(Caller caller, AlertRuleRules.Valid valid) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_rule.create", null,
            params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> AlertRule.count("tenant", tenant))
            .chain(count -> {
              if (count >= MAX_PER_TENANT) {
                return Uni.createFrom().failure(new ProblemException(409, "too-many-alert-rules",
                    "Conflict", "This tenant already has " + MAX_PER_TENANT
                        + " alert rules, the most it may keep; delete one first.")
                    .with("limit", MAX_PER_TENANT));
              }
              return requireFreeName(tenant, valid.name(), null);
            })
            .chain(() -> requireChannels(tenant, valid.channels()))
            .chain(() -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              AlertRule rule = new AlertRule();
              rule.id = "rule_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
              rule.tenant = tenant;
              rule.createdAt = now;
              rule.createdBy = caller.actorName();
              rule.updatedAt = now;
              rule.updatedBy = caller.actorName();
              rule.apply(valid);
              return rule.<AlertRule>persist();
            }), created -> created.id);
  }

  /** Replaces everything but the id and the creation facts: 404, or 409 as for {@link #create}. */
  @WithTransaction
  @Audited("alert_rule.update")
  public Uni<AlertRule> replace(Caller caller, String id, AlertRuleRules.Valid valid) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_rule.update", id, params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> owned(tenant, id))
            .chain(found -> {
              AlertRule rule = require(found, id);
              return requireFreeName(tenant, valid.name(), id)
                  .chain(() -> requireChannels(tenant, valid.channels())).map(free -> {
                rule.apply(valid);
                rule.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                rule.updatedBy = caller.actorName();
                return rule;
              });
            }), null);
  }

  /** Deletes the tenant's rule; a 404 problem when the tenant has none with this id. */
  @WithTransaction
  @Audited("alert_rule.delete")
  public Uni<Boolean> delete(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_rule.delete", id),
        () -> owned(tenant, id)
            .chain(found -> resolveTold(require(found, id)))
            .chain(() -> AlertRule.delete("id = ?1 and tenant = ?2", id, tenant))
            .map(deleted -> true), null);
  }

  /**
   * Before a rule goes, its alerts whose firing (or error) was told are told resolved, in the
   * delete's transaction: a receiver that opened an incident must be able to close it. Each gets
   * a {@code resolved} transition naming the deletion.
   */
  private Uni<Void> resolveTold(AlertRule rule) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return Alert.<Alert>list("ruleId = ?1 and notified in ?2", rule.id,
            List.of(NotificationPolicy.FIRING, NotificationPolicy.ERROR))
        .chain(alerts -> {
          Uni<Void> all = Uni.createFrom().voidItem();
          for (Alert alert : alerts) {
            all = all.chain(() -> resolve(rule, alert, now));
          }
          return all;
        });
  }

  private Uni<Void> resolve(AlertRule rule, Alert alert, Instant now) {
    AlertTransition transition = new AlertTransition();
    transition.tenant = rule.tenant;
    transition.ruleId = rule.id;
    transition.fingerprint = alert.fingerprint;
    transition.groupValues = alert.groupValues;
    transition.fromState = alert.state;
    transition.toState = AlertState.RESOLVED.label();
    transition.value = alert.lastValue;
    transition.evaluatedAt = now;
    transition.detail = "the rule was deleted";
    Map<String, String> group = AlertFingerprint.read(alert.groupValues);
    String notice = Outbox.write(AlertNotices.notice(Notice.RESOLVED, AlertNotices.facts(rule),
        alert.fingerprint, group, alert.lastValue, alert.since, now, now,
        "the rule was deleted", consoleUrl));
    Uni<Void> rows = transition.persist().replaceWithVoid();
    for (String channel : rule.channelList()) {
      rows = rows.chain(() -> Panache.getSession().chain(session -> session
          .createNativeQuery(Outbox.INSERT_SQL)
          .setParameter(1, rule.tenant).setParameter(2, channel).setParameter(3, rule.id)
          .setParameter(4, alert.fingerprint).setParameter(5, Notice.RESOLVED)
          .setParameter(6, notice).setParameter(7, now.atOffset(ZoneOffset.UTC))
          .executeUpdate()).replaceWithVoid());
    }
    return rows;
  }

  /** What the trail keeps of a rule: enough to tell what it watched and how loudly. */
  private static Map<String, String> params(AlertRuleRules.Valid valid) {
    return AuditEntry.params("name", valid.name(), "query", valid.query(),
        "kind", valid.kind().label(), "window", Durations.format(valid.windowSeconds()),
        "severity", valid.severity(), "enabled", valid.enabled());
  }

  /**
   * Serialises the writes of one tenant's rules, so that neither the limit nor the name check can
   * be passed by two requests at once (the unique constraint is only the backstop).
   */
  private static Uni<Tenant> lockTenant(String tenant) {
    return Tenant.findById(tenant, LockModeType.PESSIMISTIC_WRITE);
  }

  private static Uni<AlertRule> owned(String tenant, String id) {
    return AlertRule.<AlertRule>find("id = ?1 and tenant = ?2", id, tenant).firstResult();
  }

  private static Uni<Void> requireFreeName(String tenant, String name, String exceptId) {
    Uni<Long> same = exceptId == null
        ? AlertRule.count("tenant = ?1 and name = ?2", tenant, name)
        : AlertRule.count("tenant = ?1 and name = ?2 and id <> ?3", tenant, name, exceptId);
    return same.map(count -> {
      if (count > 0) {
        throw ProblemException.conflict("An alert rule named '" + name + "' already exists.")
            .with("field", "name");
      }
      return null;
    });
  }

  /** A 400 naming {@code channels} when one of them is not a channel of the tenant. */
  private static Uni<Void> requireChannels(String tenant, List<String> channels) {
    if (channels.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Channel.<Channel>list("tenant = ?1 and id in ?2", tenant, channels).map(found -> {
      List<String> known = found.stream().map(channel -> channel.id).toList();
      List<String> unknown = channels.stream().filter(id -> !known.contains(id)).toList();
      if (!unknown.isEmpty()) {
        throw ProblemException.badRequest("invalid-alert-rule", "No channel "
            + String.join(", ", unknown) + " in this tenant; create it under"
            + " /api/v1/alerts/channels first.").with("field", "channels");
      }
      return null;
    });
  }

  private static AlertRule require(AlertRule rule, String id) {
    if (rule == null) {
      throw ProblemException.notFound("No alert rule '" + id + "' in this tenant.");
    }
    return rule;
  }
}
