package io.strata.alerting.channel;

import io.strata.infra.http.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a channel may hold, checked before anything is stored. Pure: whether the URL's host may be
 * reached is {@link ReceiverAddresses}' part, whether e-mail is configured the caller's. A bad body
 * is a 400 problem naming the member in {@code field}.
 */
public final class ChannelRules {

  static final int MAX_NAME = 200;
  static final int MAX_URL = 2048;
  static final int MAX_SECRET = 512;
  static final int MAX_RECIPIENTS = 20;
  /** Where PagerDuty's Events API v2 takes events, unless the channel names another URL. */
  static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

  /** Deliberately simple: the SMTP server is the judge; this catches typos and header tricks. */
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  /**
   * A checked channel. {@code url} is null for e-mail; {@code secret} is the HMAC key or routing
   * key, null to keep what is stored, empty to remove it.
   */
  public record Valid(String name, ChannelKind kind, URI url, String secret, List<String> recipients) {}

  private ChannelRules() {}

  /**
   * {@code request} checked; {@code creating} demands what an update may leave out (PagerDuty's
   * routing key).
   */
  static Valid check(ChannelRequest request, boolean creating) {
    if (request == null) {
      throw invalid("name", "Send {\"name\", \"kind\", and \"url\", \"secret\", \"routing_key\""
          + " or \"to\" as the kind needs}.");
    }
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw invalid("name", "A channel needs a 'name' of 1 to " + MAX_NAME + " characters.");
    }
    ChannelKind kind = ChannelKind.find(request.kind());
    if (kind == null) {
      throw invalid("kind", "'kind' must be webhook, slack, pagerduty or email.");
    }
    if (request.secret() != null && kind != ChannelKind.WEBHOOK) {
      throw invalid("secret", "Only a webhook channel has a 'secret'.");
    }
    if (request.routingKey() != null && kind != ChannelKind.PAGERDUTY) {
      throw invalid("routing_key", "Only a pagerduty channel has a 'routing_key'.");
    }
    if (request.to() != null && kind != ChannelKind.EMAIL) {
      throw invalid("to", "Only an email channel has recipients ('to').");
    }
    return switch (kind) {
      case WEBHOOK -> new Valid(name, kind, url(request.url(), true), secret(request.secret(),
          "secret"), List.of());
      case SLACK -> new Valid(name, kind, url(request.url(), true), null, List.of());
      case PAGERDUTY -> {
        String key = secret(request.routingKey(), "routing_key");
        if (creating && (key == null || key.isEmpty())) {
          throw invalid("routing_key", "A pagerduty channel needs the service's 'routing_key'"
              + " (its Events API v2 integration key).");
        }
        if (key != null && key.isEmpty()) {
          throw invalid("routing_key", "A pagerduty channel cannot do without a 'routing_key'.");
        }
        URI url = request.url() == null ? PAGERDUTY_EVENTS : url(request.url(), true);
        yield new Valid(name, kind, url, key, List.of());
      }
      case EMAIL -> {
        if (request.url() != null) {
          throw invalid("url", "An email channel has recipients ('to'), not a 'url'.");
        }
        yield new Valid(name, kind, null, null, recipients(request.to()));
      }
    };
  }

  private static URI url(String text, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        throw invalid("url", "This kind of channel needs the 'url' to send to.");
      }
      return null;
    }
    if (text.length() > MAX_URL) {
      throw invalid("url", "'url' is longer than " + MAX_URL + " characters.");
    }
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid("url", "'url' is not a URL: " + e.getMessage());
    }
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw invalid("url", "'url' must be an absolute http or https URL with a host.");
    }
    if (url.getUserInfo() != null) {
      throw invalid("url", "'url' must not carry a user name or password; use a secret.");
    }
    return url;
  }

  private static String secret(String value, String field) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_SECRET || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw invalid(field, "'" + field + "' must be at most " + MAX_SECRET
          + " printable characters.");
    }
    return value;
  }

  private static List<String> recipients(List<String> to) {
    if (to == null || to.isEmpty()) {
      throw invalid("to", "An email channel needs at least one recipient in 'to'.");
    }
    if (to.size() > MAX_RECIPIENTS) {
      throw invalid("to", "At most " + MAX_RECIPIENTS + " recipients; was " + to.size() + ".");
    }
    Set<String> addresses = new LinkedHashSet<>();
    for (String address : to) {
      String plain = address == null ? "" : address.strip();
      if (!ADDRESS.matcher(plain).matches()) {
        throw invalid("to", "'" + plain + "' is not an e-mail address.");
      }
      addresses.add(plain);
    }
    return new ArrayList<>(addresses);
  }

  static ProblemException invalid(String field, String detail) {
    return ProblemException.badRequest("invalid-alert-channel", detail).with("field", field);
  }
}
