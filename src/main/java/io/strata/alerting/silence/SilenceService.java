package io.strata.alerting.silence;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.infra.time.TimeExpressions;
import io.strata.security.Caller;
import io.strata.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, lists and expires the silences of a tenant; every change is in the audit trail ({@code
 * alert_silence.create|expire}). A silence is never deleted: expiring it ends it now, so the
 * record of the maintenance window stays.
 */
@ApplicationScoped
public class SilenceService {

  /** Silences one tenant may keep that have not ended. */
  public static final int MAX_OPEN = 1000;
  static final int MAX_RULES = 100;
  static final int MAX_MATCHERS = 20;
  static final int MAX_VALUE = 256;
  static final int MAX_COMMENT = 2000;
  /** A silence is a maintenance window, not a way to switch alerting off for good. */
  static final Duration MAX_LENGTH = Duration.ofDays(90);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_@][A-Za-z0-9_.@-]{0,62}");
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final AuditTrail audit;
  private final InstantSource clock;

  SilenceService(AuditTrail audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** The tenant's silences, the latest to start first. */
  @WithSession
  @AuditExempt("lists silences: no events read, nothing changed")
  public Uni<List<Silence>> list(String tenant) {
    return Silence.<Silence>find("tenant", Sort.by("startsAt").descending().and("id"), tenant)
        .range(0, MAX_OPEN * 2 - 1).list();
  }

  /** Stores a silence: 400 naming the member, 409 when the tenant has too many open ones. */
  @WithTransaction
  @Audited("alert_silence.create")
  public Uni<Silence> create(Caller caller, SilenceRequest request) {
    String tenant = caller.tenantForWriting();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Silence silence = checked(request, now);
    silence.id = "sil_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    silence.tenant = tenant;
    silence.createdAt = now;
    silence.createdBy = caller.actorName();
    return audit.auditedChange(AuditEntry.success(caller, "alert_silence.create", null,
            AuditEntry.params("rule_ids", silence.ruleIds, "matchers", silence.matchers,
                "from", silence.startsAt, "to", silence.endsAt, "comment", silence.comment)),
        () -> Tenant.findById(tenant, LockModeType.PESSIMISTIC_WRITE)
            .chain(() -> Silence.count("tenant = ?1 and endsAt > ?2", tenant, now))
            .chain(open -> {
              if (open >= MAX_OPEN) {
                return Uni.createFrom().failure(new ProblemException(409, "too-many-silences",
                    "Conflict", "This tenant already has " + MAX_OPEN + " silences that have"
                        + " not ended.").with("limit", MAX_OPEN));
              }
              return silence.<Silence>persist();
            }), created -> created.id);
  }

  /** Ends the tenant's silence now (if it has not ended): 200 with it, or 404. */
  @WithTransaction
  @Audited("alert_silence.expire")
  public Uni<Silence> expire(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_silence.expire", id),
        () -> Silence.<Silence>find("id = ?1 and tenant = ?2", id, tenant)
            .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
            .map(silence -> {
              if (silence == null) {
                throw ProblemException.notFound("No silence '" + id + "' in this tenant.");
              }
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              if (silence.endsAt.isAfter(now)) {
                silence.endsAt = now.isBefore(silence.startsAt) ? silence.startsAt : now;
              }
              return silence;
            }), null);
  }

  /** The request checked into a silence without id, tenant and creation facts. */
  static Silence checked(SilenceRequest request, Instant now) {
    if (request == null) {
      throw invalid("to", "Send {\"rule_ids\" and/or \"matchers\", \"to\", \"comment\"}.");
    }
    List<String> rules = new ArrayList<>(new LinkedHashSet<>(
        request.ruleIds() == null ? List.of() : request.ruleIds()));
    if (rules.size() > MAX_RULES || rules.stream().anyMatch(r -> r == null
        || !RULE_ID.matcher(r).matches())) {
      throw invalid("rule_ids", "'rule_ids' must be up to " + MAX_RULES + " rule ids.");
    }
    Map<String, String> matchers = new LinkedHashMap<>(
        request.matchers() == null ? Map.of() : request.matchers());
    if (matchers.size() > MAX_MATCHERS) {
      throw invalid("matchers", "At most " + MAX_MATCHERS + " matchers.");
    }
    for (Map.Entry<String, String> matcher : matchers.entrySet()) {
      if (!NAME.matcher(matcher.getKey()).matches() || matcher.getValue() == null
          || matcher.getValue().length() > MAX_VALUE) {
        throw invalid("matchers", "Every matcher is a field or label name and the value it"
            + " must equal (at most " + MAX_VALUE + " characters); '" + matcher.getKey()
            + "' is not.");
      }
    }
    if (rules.isEmpty() && matchers.isEmpty()) {
      throw invalid("rule_ids", "A silence names 'rule_ids', 'matchers' or both; one that"
          + " covered everything would switch alerting off.");
    }
    String comment = request.comment() == null ? "" : request.comment().strip();
    if (comment.isEmpty() || comment.length() > MAX_COMMENT) {
      throw invalid("comment", "A silence needs a 'comment' (why, e.g. the maintenance it"
          + " covers) of at most " + MAX_COMMENT + " characters.");
    }
    Instant from = request.from() == null || request.from().isBlank() ? now
        : time(request.from(), "from", now);
    if (request.to() == null || request.to().isBlank()) {
      throw invalid("to", "A silence needs its end in 'to' (ISO-8601 or e.g. now+2h).");
    }
    Instant to = time(request.to(), "to", now);
    if (!to.isAfter(from) || !to.isAfter(now)) {
      throw invalid("to", "'to' must be after 'from' and in the future.");
    }
    if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
      throw invalid("to", "A silence lasts at most " + MAX_LENGTH.toDays() + " days.");
    }
    Silence silence = new Silence();
    silence.ruleIds = Silence.write(rules);
    silence.matchers = Silence.write(matchers);
    silence.startsAt = from;
    silence.endsAt = to;
    silence.comment = comment;
    return silence;
  }

  private static Instant time(String value, String field, Instant now) {
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now.toEpochMilli()));
    } catch (IllegalArgumentException e) {
      throw invalid(field, "'" + field + "': " + e.getMessage());
    }
  }

  private static ProblemException invalid(String field, String detail) {
    return ProblemException.badRequest("invalid-silence", detail).with("field", field);
  }
}
