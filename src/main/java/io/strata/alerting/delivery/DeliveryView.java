package io.strata.alerting.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One delivery attempt as the API lists it: which notification (event, rule, alert) to which
 * channel, the attempt's number, the receiver's status code, and the outcome ({@code delivered},
 * {@code retry}: it will be tried again, {@code failed}: given up).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
    @JsonProperty("notification_id") long notificationId,
    @JsonProperty("channel_id") String channelId,
    @JsonProperty("event") String event,
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("attempt") int attempt,
    @JsonProperty("attempted_at") Instant attemptedAt,
    @JsonProperty("status_code") Integer statusCode,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("error") String error,
    @JsonProperty("duration_ms") int durationMs) {}
