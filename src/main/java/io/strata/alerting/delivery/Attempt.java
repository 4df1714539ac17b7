package io.strata.alerting.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attempt to hand a notification to its receiver: delivered when the receiver answered 2xx (or
 * the SMTP server accepted the mail).
 *
 * @param statusCode the receiver's HTTP status; null when there was no answer or for e-mail
 * @param error why it was not delivered; null when it was
 * @param response the start of the receiver's answer, for the test button
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(
    @JsonProperty("delivered") boolean delivered,
    @JsonProperty("status_code") Integer statusCode,
    @JsonProperty("error") String error,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("response") String response) {

  static Attempt failed(String error, long durationMs) {
    return new Attempt(false, null, error, durationMs, null);
  }
}
