package io.strata.alerting.channel;

import java.util.List;

/**
 * What a delivery needs of a channel, secret included; never leaves the server.
 *
 * @param url where to POST; null for e-mail
 * @param secret the webhook's HMAC key or PagerDuty's routing key; null when none
 */
public record Receiver(String id, String tenant, String name, ChannelKind kind, String url,
    String secret, List<String> recipients) {

  /** The receiver of {@code channel}. */
  public static Receiver of(Channel channel) {
    return new Receiver(channel.id, channel.tenant, channel.name, ChannelKind.find(channel.kind),
        channel.url, channel.secret, channel.recipientList());
  }
}
