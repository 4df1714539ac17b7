package io.strata.alerting.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * What a notification tells, as it was when it was written to the outbox: the alert, why, and
 * where its events are. Every channel kind renders its own message from it (see {@link
 * NoticeMessages}).
 *
 * @param event {@code firing}, {@code resolved}, {@code error} or {@code test}
 * @param summary one line a person reads first, e.g. {@code 42 matching events in 5m (> 10)}
 * @param startsAt when the alert started firing (or failing)
 * @param endsAt when it resolved; null while it fires
 * @param searchUrl the console's search for the events behind the alert, over the window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notice(
    @JsonProperty("event") String event,
    @JsonProperty("tenant") String tenant,
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("rule_name") String ruleName,
    @JsonProperty("severity") String severity,
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("group") Map<String, String> group,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("value") Long value,
    @JsonProperty("summary") String summary,
    @JsonProperty("starts_at") Instant startsAt,
    @JsonProperty("ends_at") Instant endsAt,
    @JsonProperty("evaluated_at") Instant evaluatedAt,
    @JsonProperty("query") String query,
    @JsonProperty("description") String description,
    @JsonProperty("runbook_url") String runbookUrl,
    @JsonProperty("search_url") String searchUrl) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";
  public static final String ERROR = "error";
  public static final String TEST = "test";

  /** Whether this notice ends what an earlier one started (a receiver closes its incident). */
  public boolean resolves() {
    return RESOLVED.equals(event);
  }

  /** The title of the message: {@code [FIRING] name}, with the group's values when grouped. */
  public String title() {
    StringBuilder title = new StringBuilder("[").append(event.toUpperCase(java.util.Locale.ROOT))
        .append("] ").append(ruleName);
    if (group != null && !group.isEmpty()) {
      title.append(' ').append(group);
    }
    return title.toString();
  }
}
