package io.strata.alerting.channel;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a channel body before it is stored, for the API and the console alike: the members
 * against {@link ChannelRules}, e-mail only when an SMTP server is configured, and a URL only when
 * its host is one a tenant may reach ({@link ReceiverAddresses}). A bad body is a 400 problem
 * naming the {@code field}.
 */
@ApplicationScoped
public class ChannelChecks {

  private final ReceiverAddresses addresses;
  private final MailSettings mail;

  ChannelChecks(ReceiverAddresses addresses, MailSettings mail) {
    this.addresses = addresses;
    this.mail = mail;
  }

  /**
   * {@code body} checked, its URL's host included; {@code creating} demands what an update may
   * leave out. Resolves the host, which blocks: call on a worker thread.
   */
  public ChannelRules.Valid valid(ChannelRequest body, boolean creating) {
    return reachable(checked(body, creating));
  }

  /** The members checked, and e-mail refused while no SMTP server is configured; never blocks. */
  ChannelRules.Valid checked(ChannelRequest body, boolean creating) {
    ChannelRules.Valid valid = ChannelRules.check(body, creating);
    if (valid.kind() == ChannelKind.EMAIL && !mail.configured()) {
      throw ChannelRules.invalid("kind", "E-mail channels need an SMTP server, and none is"
          + " configured: the operator sets QUARKUS_MAILER_HOST, QUARKUS_MAILER_PORT and"
          + " QUARKUS_MAILER_FROM (and credentials) first.");
    }
    return valid;
  }

  /** {@code valid}, once its URL's host (if any) may be reached; blocks on the name lookup. */
  ChannelRules.Valid reachable(ChannelRules.Valid valid) {
    if (valid.url() != null) {
      String refusal = addresses.refusal(valid.url());
      if (refusal != null) {
        throw ChannelRules.invalid("url", refusal);
      }
    }
    return valid;
  }
}
