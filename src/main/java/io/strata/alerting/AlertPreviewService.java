package io.strata.alerting;

import io.strata.audit.AuditEntry;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.lucene.search.Query;

/**
 * Evaluates a rule body now, without saving it: what each group's value is and what the rule would
 * do. It reads the caller's events (counts are what they reveal), so it is recorded as a read, as a
 * search is. Blocking (query parsing and index reads): call on a worker thread.
 */
@ApplicationScoped
public class AlertPreviewService {

  private final RuleEvaluator evaluator;
  private final EventFilters filters;
  private final AuditTrail audit;
  private final InstantSource clock;

  AlertPreviewService(RuleEvaluator evaluator, EventFilters filters, AuditTrail audit,
      InstantSource clock) {
    this.evaluator = evaluator;
    this.filters = filters;
    this.audit = audit;
    this.clock = clock;
  }

  /** What {@code body} would do over the caller's tenant's events now; 400 for a bad body. */
  @Audited("alert_rule.preview")
  public AlertPreview preview(Caller caller, AlertRuleRequest body) {
    AuditEntry entry = body == null ? AuditEntry.success(caller, "alert_rule.preview", null)
        : AuditEntry.success(caller, "alert_rule.preview", null, AuditEntry.params(
            "q", body.query(), "from", rangeFrom(body), "to", "now", "kind", body.kind(),
            "window", body.window(),
            "group_by", body.groupBy() == null ? null : String.join(",", body.groupBy())));
    return audit.auditedNow(entry, () -> preview(caller.requireTenant(), body));
  }

  /**
   * The start of what the preview reads, as the access report shows ranges ({@code now-5m}; twice
   * the window for no_data); null when the window is not a duration (the preview is refused).
   */
  private static String rangeFrom(AlertRuleRequest body) {
    try {
      long seconds = Durations.seconds(body.window() == null ? "" : body.window());
      return "now-" + Durations.format(
          body.kind() != null && RuleKind.NO_DATA.label().equals(body.kind().strip())
              ? 2 * seconds : seconds);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private AlertPreview preview(String tenant, AlertRuleRequest body) {
    AlertRuleRules.Valid rule = AlertRuleRules.check(body);
    Query query = parse(filters, rule.query());
    Instant now = clock.instant();
    long to = now.toEpochMilli();
    long window = rule.windowSeconds() * 1000L;
    GroupCounts current = evaluator.count(tenant, rule.query(), query, to - window, to, rule.groupBy());
    // The window before ends a millisecond before this one starts: ranges include both ends.
    GroupCounts previous = rule.kind() == RuleKind.NO_DATA
        ? evaluator.count(tenant, rule.query(), query, to - 2 * window, to - window - 1, rule.groupBy())
        : null;
    return RuleJudgement.judge(rule, now, current, previous);
  }

  /** The rule's query, parsed as search parses {@code q}; a 400 naming {@code query} if bad. */
  static Query parse(EventFilters filters, String query) {
    try {
      return filters.query(query);
    } catch (QueryException e) {
      throw e.inField("query");
    }
  }
}
