package io.strata.alerting.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Whether a silence covers an alert at a time: pure, so that the scheduler asks it per alert and
 * tests ask it without a database. A silence covers an alert when it is in force ({@code startsAt
 * <= at < endsAt}), names the alert's rule or no rule at all, and each of its matchers equals the
 * alert's value of that name: a group value, a rule label, {@code alertname} (the rule's name) or
 * {@code severity}.
 */
public record SilenceMatcher(String id, List<String> ruleIds, Map<String, String> matchers,
    Instant startsAt, Instant endsAt) {

  /** Whether this silence covers the alert of {@code ruleId} with {@code labels} at {@code at}. */
  public boolean covers(String ruleId, Map<String, String> labels, Instant at) {
    if (at.isBefore(startsAt) || !at.isBefore(endsAt)) {
      return false;
    }
    if (!ruleIds.isEmpty() && !ruleIds.contains(ruleId)) {
      return false;
    }
    for (Map.Entry<String, String> matcher : matchers.entrySet()) {
      if (!matcher.getValue().equals(labels.get(matcher.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The first of {@code silences} that covers the alert, or null. */
  public static SilenceMatcher first(List<SilenceMatcher> silences, String ruleId,
      Map<String, String> labels, Instant at) {
    for (SilenceMatcher silence : silences) {
      if (silence.covers(ruleId, labels, at)) {
        return silence;
      }
    }
    return null;
  }
}
