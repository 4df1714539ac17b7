package io.strata.alerting.channel;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether the operator configured an SMTP server ({@code QUARKUS_MAILER_HOST} and {@code
 * QUARKUS_MAILER_FROM}, the standard Quarkus mailer settings): e-mail channels need one. The
 * mailer's own defaults would send to {@code localhost:25}, which is not a configuration.
 */
@ApplicationScoped
public class MailSettings {

  /** Whether e-mail can be sent. */
  public boolean configured() {
    var config = ConfigProvider.getConfig();
    return config.getOptionalValue("quarkus.mailer.from", String.class).isPresent()
        && config.getOptionalValue("quarkus.mailer.host", String.class)
            .filter(host -> !host.isBlank()).isPresent();
  }
}
