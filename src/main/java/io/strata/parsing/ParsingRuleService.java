package io.strata.parsing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, reads, replaces and deletes the parsing rules of a tenant, and puts every change into
 * force on this node's indexer once it is committed ({@link ParsingRules}). Every lookup is by id
 * and tenant together, so another tenant's id is indistinguishable from a missing one; every
 * change is recorded in the audit trail in its own transaction ({@code parsing_rule.*}).
 */
@ApplicationScoped
public class ParsingRuleService {

  private final AuditTrail audit;
  private final InstantSource clock;
  private final ParsingConfig config;
  private final ParsingRules running;
  private final RuleCompiler compiler;

  ParsingRuleService(AuditTrail audit, InstantSource clock, ParsingConfig config,
      ParsingRules running, RuleCompiler compiler) {
    this.compiler = compiler;
    this.audit = audit;
    this.clock = clock;
    this.config = config;
    this.running = running;
  }

  /**
   * The body checked, its pattern and selector compiled: a 400 problem naming the field when it
   * cannot be used. CPU work: call on a worker thread.
   */
  @AuditExempt("checks a body: nothing read, nothing changed")
  public ParsingRuleChecks.Valid check(ParsingRuleRequest body) {
    ParsingRuleChecks.Valid valid = ParsingRuleChecks.check(body, compiler, true);
    ParsingRuleChecks.checkSelector(valid.selector(), compiler);
    return valid;
  }

  @WithSession
  @AuditExempt("lists parsing rules: no events read, nothing changed")
  public Uni<List<ParsingRule>> list(String tenant) {
    return ParsingRule.list("tenant", Sort.by("priority", Sort.Direction.Descending).and("name"),
        tenant);
  }

  /** The tenant's rule; a 404 problem when the tenant has none with this id. */
  @WithSession
  @AuditExempt("reads one parsing rule: no events read, nothing changed")
  public Uni<ParsingRule> get(String tenant, String id) {
    return owned(tenant, id).map(rule -> require(rule, id));
  }

  /** Stores a rule that passed the checks: 409 for a taken name or a full tenant. */
  @WithTransaction
  @Audited("parsing_rule.create")
  public Uni<ParsingRule> create(Caller caller, ParsingRuleChecks.Valid valid) {
    String tenant = caller.tenantForWriting();
    int max = config.maxRules();
    return audit.auditedChange(AuditEntry.success(caller, "parsing_rule.create", null,
            params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> ParsingRule.count("tenant", tenant))
            .chain(count -> {
              if (count >= max) {
                return Uni.createFrom().failure(new ProblemException(409, "too-many-parsing-rules",
                    "Conflict", "This tenant already has " + max
                        + " parsing rules, the most it may keep; delete one first.")
                    .with("limit", max));
              }
              return requireFreeName(tenant, valid.name(), null);
            })
            .chain(() -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              ParsingRule rule = new ParsingRule();
              rule.id = "prule_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
              rule.tenant = tenant;
              rule.createdAt = now;
              rule.createdBy = caller.actorName();
              apply(rule, valid, now, caller);
              return rule.<ParsingRule>persist();
            }), created -> created.id);
  }

  /** Replaces everything but the id and the creation facts: 404, or 409 as for {@link #create}. */
  @WithTransaction
  @Audited("parsing_rule.update")
  public Uni<ParsingRule> replace(Caller caller, String id, ParsingRuleChecks.Valid valid) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "parsing_rule.update", id,
            params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> owned(tenant, id))
            .chain(found -> {
              ParsingRule rule = require(found, id);
              return requireFreeName(tenant, valid.name(), id).map(free -> {
                apply(rule, valid, clock.instant().truncatedTo(ChronoUnit.MICROS), caller);
                return rule;
              });
            }), null);
  }

  /** Deletes the tenant's rule; a 404 problem when the tenant has none with this id. */
  @WithTransaction
  @Audited("parsing_rule.delete")
  public Uni<Boolean> delete(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "parsing_rule.delete", id),
        () -> ParsingRule.delete("id = ?1 and tenant = ?2", id, tenant).map(deleted -> {
          if (deleted == 0) {
            throw ProblemException.notFound("No parsing rule '" + id + "' in this tenant.");
          }
          return true;
        }), null);
  }

  /**
   * Puts the tenant's committed rules into force on this node at once (other nodes read them within
   * {@link ParsingConfig#refresh()}).
   */
  @WithSession
  @AuditExempt("reloads committed rules into the indexer: the change itself was recorded")
  public Uni<Void> publish(String tenant) {
    return ParsingRule.<ParsingRule>list("tenant", tenant)
        .invoke(stored -> running.updated(tenant, stored))
        .replaceWithVoid();
  }

  private static Map<String, String> params(ParsingRuleChecks.Valid valid) {
    return AuditEntry.params("name", valid.name(), "selector", valid.selector(),
        "pattern", valid.pattern(), "priority", Integer.toString(valid.priority()),
        "enabled", Boolean.toString(valid.enabled()));
  }

  /**
   * Serialises the writes of one tenant's rules, so that neither the limit nor the name check can
   * be passed by two requests at once (the unique constraint is only the backstop).
   */
  private static Uni<Tenant> lockTenant(String tenant) {
    return Tenant.findById(tenant, LockModeType.PESSIMISTIC_WRITE);
  }

  private static Uni<ParsingRule> owned(String tenant, String id) {
    return ParsingRule.<ParsingRule>find("id = ?1 and tenant = ?2", id, tenant).firstResult();
  }

  private static Uni<Void> requireFreeName(String tenant, String name, String exceptId) {
    Uni<Long> same = exceptId == null
        ? ParsingRule.count("tenant = ?1 and name = ?2", tenant, name)
        : ParsingRule.count("tenant = ?1 and name = ?2 and id <> ?3", tenant, name, exceptId);
    return same.map(count -> {
      if (count > 0) {
        throw ProblemException.conflict("A parsing rule named '" + name + "' already exists.")
            .with("field", "name");
      }
      return null;
    });
  }

  private static ParsingRule require(ParsingRule rule, String id) {
    if (rule == null) {
      throw ProblemException.notFound("No parsing rule '" + id + "' in this tenant.");
    }
    return rule;
  }

  private static void apply(ParsingRule rule, ParsingRuleChecks.Valid valid, Instant now,
      Caller caller) {
    rule.name = valid.name();
    rule.selector = valid.selector();
    rule.pattern = valid.pattern();
    rule.timeFormat = valid.timeFormat();
    rule.priority = valid.priority();
    rule.enabled = valid.enabled();
    rule.updatedAt = now;
    rule.updatedBy = caller.actorName();
  }
}
