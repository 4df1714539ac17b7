package io.strata.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.alerting.AlertRuleRequest;
import io.strata.alerting.AlertRuleView;
import io.strata.alerting.channel.ChannelView;
import io.strata.infra.http.ProblemException;
import io.strata.ui.ConsoleUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule form as a plain object: what it sends for what the user filled in. (Without the search
 * role it previews nothing, so no service is needed.)
 */
class RuleFormTest {

  private static final ConsoleUser ADMIN = new ConsoleUser("ada", "acme", Set.of("admin"), false,
      null);
  private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");
  private static final ChannelView ONCALL = new ChannelView("chan_1", "oncall", "webhook",
      "https://hooks.example/x", null, false, T, "ada", T, "ada");
  private static final ChannelView OTHER = new ChannelView("chan_2", "other", "slack",
      "https://hooks.slack.example/y", null, false, T, "ada", T, "ada");

  private static RuleForm form(AlertRuleView rule) {
    return new RuleForm(null, ADMIN, rule, List.of(ONCALL, OTHER), () -> {});
  }

  @Test
  void aNewRuleStartsFromTheDefaultsAndSendsWhatWasTyped() {
    RuleForm form = form(null);
    form.name.setValue("Checkout errors");
    form.query.setValue("level:ERROR AND service:checkout");
    form.value.setValue(new BigDecimal("2"));
    form.groupBy.setValue(Set.of("service", "host"));
    form.channels.setValue(Set.of(ONCALL));
    form.labels.setValue("team=payments, tier=1");
    AlertRuleRequest body = form.request(false);
    assertThat(body).isEqualTo(new AlertRuleRequest("Checkout errors",
        "level:ERROR AND service:checkout", "threshold", "5m", "1m",
        new AlertRuleRequest.Condition(">", new BigDecimal("2")), List.of("host", "service"), "0s",
        "warning", List.of("chan_1"), null, Map.of("team", "payments", "tier", "1"), null, null,
        true));
  }

  @Test
  void aPreviewNeedsNoNameNorReadableLabelsAndANoDataRuleNoCondition() {
    RuleForm form = form(null);
    form.kind.setValue("no_data");
    form.labels.setValue("not a pair");
    AlertRuleRequest preview = form.request(true);
    assertThat(preview.name()).isEqualTo("preview");
    assertThat(preview.condition()).isNull();
    assertThat(preview.labels()).isEmpty();
    assertThat(form.op.isVisible()).isFalse();
    assertThatThrownBy(() -> form.request(false)).isInstanceOfSatisfying(ProblemException.class,
        p -> assertThat(p.extensions()).containsEntry("field", "labels"));
  }

  @Test
  void editingARuleWithoutChangesSendsTheSameRule() {
    AlertRuleView rule = new AlertRuleView("rule_1", "Quiet checkout", "service:checkout",
        "threshold", "10m", "30s", new AlertRuleRequest.Condition("<", new BigDecimal("1")),
        List.of("service"), "2m", "critical", List.of("chan_2"), "4h", Map.of("team", "pay"),
        "No checkout events", "https://wiki.example/run", false, T, "ada", T, "ada");
    AlertRuleRequest body = form(rule).request(false);
    assertThat(body).isEqualTo(new AlertRuleRequest("Quiet checkout", "service:checkout",
        "threshold", "10m", "30s", new AlertRuleRequest.Condition("<", new BigDecimal("1")),
        List.of("service"), "2m", "critical", List.of("chan_2"), "4h", Map.of("team", "pay"),
        "No checkout events", "https://wiki.example/run", false));
  }
}
