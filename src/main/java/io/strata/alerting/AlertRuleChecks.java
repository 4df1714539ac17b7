package io.strata.alerting;

import io.strata.search.EventFilters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a rule body before it is stored, for the API and the console alike: the members against
 * {@link AlertRuleRules}, then the query parsed as search parses {@code q}. A bad body is a 400
 * problem naming the {@code field}. Parsing is CPU work: call {@link #valid} and {@link #parsed}
 * on a worker thread.
 */
@ApplicationScoped
public class AlertRuleChecks {

  private final EventFilters filters;

  AlertRuleChecks(EventFilters filters) {
    this.filters = filters;
  }

  /** {@code body} checked and its query parsed; a 400 problem naming the first bad member. */
  public AlertRuleRules.Valid valid(AlertRuleRequest body) {
    return parsed(AlertRuleRules.check(body));
  }

  /** {@code valid}, once its query parses (an empty query matches every event). */
  AlertRuleRules.Valid parsed(AlertRuleRules.Valid valid) {
    if (!valid.query().isBlank()) {
      AlertPreviewService.parse(filters, valid.query());
    }
    return valid;
  }
}
