package io.strata.alerting.channel;

import java.util.Locale;

/** The receivers a channel may be: each has its own message shape, see {@link NoticeMessages}. */
public enum ChannelKind {
  /** Any HTTP endpoint: Alertmanager's webhook v4 JSON, HMAC-signed when a secret is set. */
  WEBHOOK,
  /** A Slack incoming-webhook URL. */
  SLACK,
  /** PagerDuty's Events API v2, with the alert's fingerprint as {@code dedup_key}. */
  PAGERDUTY,
  /** E-mail through the SMTP server of {@code QUARKUS_MAILER_*}. */
  EMAIL;

  /** The name in the API and the database. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code label}, or null. */
  public static ChannelKind find(String label) {
    for (ChannelKind kind : values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    return null;
  }
}
