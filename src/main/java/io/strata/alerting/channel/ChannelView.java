package io.strata.alerting.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A channel as the API shows it: never its secret or routing key, only whether one is set ({@code
 * secret_set}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("kind") String kind,
    @JsonProperty("url") String url,
    @JsonProperty("to") List<String> to,
    @JsonProperty("secret_set") boolean secretSet,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("updated_by") String updatedBy) {

  /** The channel as the API shows it: without its secret. */
  public static ChannelView of(Channel channel) {
    List<String> to = channel.recipientList();
    return new ChannelView(channel.id, channel.name, channel.kind, channel.url,
        to.isEmpty() ? null : to, channel.secret != null, channel.createdAt, channel.createdBy,
        channel.updatedAt, channel.updatedBy);
  }
}
