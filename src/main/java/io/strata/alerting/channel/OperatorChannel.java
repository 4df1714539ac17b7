package io.strata.alerting.channel;

import io.strata.alerting.AlertConfig;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The operator's channel, from configuration ({@code STRATA_ALERTS_OPERATOR_*}), checked by the same
 * rules as a tenant's channel. The operator chose its URL, so it is not held to the address guard.
 */
@ApplicationScoped
public class OperatorChannel {

  /** The channel id that platform notifications name in the outbox. */
  public static final String ID = "operator";
  private static final Logger LOG = Logger.getLogger(OperatorChannel.class);

  private final Receiver receiver;

  OperatorChannel(AlertConfig config) {
    this.receiver = receiver(config.operator());
  }

  /** The receiver, or null when none is configured (or its settings are wrong, which is logged). */
  public Receiver receiver() {
    return receiver;
  }

  private static Receiver receiver(AlertConfig.Operator operator) {
    if (operator.kind().isEmpty()) {
      return null;
    }
    try {
      ChannelRules.Valid valid = ChannelRules.check(new ChannelRequest("operator",
          operator.kind().get(), operator.url().orElse(null),
          "webhook".equals(operator.kind().get()) ? operator.secret().orElse(null) : null,
          operator.routingKey().orElse(null), operator.to().orElse(null)), true);
      return new Receiver(ID, null, "operator", valid.kind(),
          valid.url() == null ? null : valid.url().toString(),
          valid.secret() == null || valid.secret().isEmpty() ? null : valid.secret(),
          valid.recipients() == null ? List.of() : valid.recipients());
    } catch (ProblemException e) {
      LOG.errorf("The operator's alert channel (STRATA_ALERTS_OPERATOR_*) is not usable: %s (%s);"
          + " platform alerts are only logged", e.getMessage(), e.extensions().get("field"));
      return null;
    }
  }
}
