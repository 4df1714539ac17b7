package io.strata.alerting.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelRulesTest {

  private static String field(Runnable check) {
    try {
      check.run();
    } catch (ProblemException e) {
      return String.valueOf(e.extensions().get("field"));
    }
    throw new AssertionError("no problem raised");
  }

  @Test
  void eachKindTakesWhatItNeeds() {
    ChannelRules.Valid webhook = ChannelRules.check(new ChannelRequest(" ops ", "webhook",
        "https://hooks.example.com/a", "s3cret", null, null), true);
    assertThat(webhook.name()).isEqualTo("ops");
    assertThat(webhook.secret()).isEqualTo("s3cret");
    ChannelRules.Valid pager = ChannelRules.check(new ChannelRequest("pd", "pagerduty", null,
        null, "R0UT1NG", null), true);
    assertThat(pager.url()).isEqualTo(ChannelRules.PAGERDUTY_EVENTS);
    assertThat(pager.secret()).isEqualTo("R0UT1NG");
    ChannelRules.Valid mail = ChannelRules.check(new ChannelRequest("mail", "email", null, null,
        null, List.of("oncall@example.com", "oncall@example.com", "b@example.org")), true);
    assertThat(mail.recipients()).containsExactly("oncall@example.com", "b@example.org");
    assertThat(mail.url()).isNull();
  }

  @Test
  void anUpdateMayLeaveSecretsOut() {
    assertThat(ChannelRules.check(new ChannelRequest("pd", "pagerduty", null, null, null, null),
        false).secret()).isNull();
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("pd", "pagerduty", null, null,
        null, null), true))).isEqualTo("routing_key");
  }

  @Test
  void badBodiesNameTheField() {
    assertThat(field(() -> ChannelRules.check(null, true))).isEqualTo("name");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("", "webhook", "https://a.b/",
        null, null, null), true))).isEqualTo("name");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "sms", null, null, null,
        null), true))).isEqualTo("kind");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "webhook", null, null, null,
        null), true))).isEqualTo("url");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "webhook", "ftp://a.b/",
        null, null, null), true))).isEqualTo("url");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "webhook",
        "https://u:p@a.b/", null, null, null), true))).isEqualTo("url");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "slack", "https://a.b/",
        "s", null, null), true))).isEqualTo("secret");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "webhook", "https://a.b/",
        "bad\nsecret", null, null), true))).isEqualTo("secret");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "email", null, null, null,
        List.of("not an address")), true))).isEqualTo("to");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "email", null, null, null,
        List.of("a@b.com\r\nBcc: evil@x.com")), true))).isEqualTo("to");
    assertThat(field(() -> ChannelRules.check(new ChannelRequest("x", "email", null, null, null,
        List.of()), true))).isEqualTo("to");
    assertThatThrownBy(() -> ChannelRules.check(new ChannelRequest("x", "webhook", "https://a.b/",
        null, "key", null), true)).isInstanceOf(ProblemException.class);
  }
}
