package io.strata.alerting.channel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.List;

/**
 * A receiver of one tenant's notifications, as stored. {@code secret} is the webhook's HMAC key or
 * the PagerDuty routing key: written by the API, read only by the delivery, never shown.
 */
@Entity
@Table(name = "alert_channels", uniqueConstraints = @UniqueConstraint(
    name = "alert_channels_tenant_name", columnNames = {"tenant", "name"}))
public class Channel extends PanacheEntityBase {

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  @Column(nullable = false, length = ChannelRules.MAX_NAME)
  public String name;

  /** {@code webhook}, {@code slack}, {@code pagerduty} or {@code email}. */
  @Column(nullable = false, length = 16)
  public String kind;

  /** Where to POST; null for e-mail. */
  @Column(length = ChannelRules.MAX_URL)
  public String url;

  /** A JSON array of e-mail addresses; {@code []} for the other kinds. */
  @Column(nullable = false, columnDefinition = "text")
  public String recipients;

  @Column(columnDefinition = "text")
  public String secret;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;

  /** The e-mail recipients. */
  public List<String> recipientList() {
    return Recipients.read(recipients);
  }

  /** Takes what a checked body decides; a secret left out keeps the stored one. */
  void apply(ChannelRules.Valid valid) {
    name = valid.name();
    kind = valid.kind().label();
    url = valid.url() == null ? null : valid.url().toString();
    recipients = Recipients.write(valid.recipients());
    if (valid.secret() != null) {
      secret = valid.secret().isEmpty() ? null : valid.secret();
    }
  }
}
