package io.strata.alerting.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A channel's body: {@code name}, {@code kind}, and per kind {@code url} (webhook, slack;
 * pagerduty's defaults to its Events API), {@code secret} (webhook's HMAC key), {@code
 * routing_key} (pagerduty) or {@code to} (email). A secret left out of an update is kept; an empty
 * one removes it.
 */
public record ChannelRequest(
    @JsonProperty("name") String name,
    @JsonProperty("kind") String kind,
    @JsonProperty("url") String url,
    @JsonProperty("secret") String secret,
    @JsonProperty("routing_key") String routingKey,
    @JsonProperty("to") List<String> to) {}
