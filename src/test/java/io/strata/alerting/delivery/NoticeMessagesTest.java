package io.strata.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  private static Notice notice(String event) {
    return new Notice(event, "shop", "rule_1", "Checkout errors", "critical", "f1ng3r",
        Map.of("service", "checkout"), Map.of("team", "payments"), 42L,
        "42 matching events in 5m (condition > 10).", AT.minusSeconds(60),
        Notice.RESOLVED.equals(event) ? AT : null, AT, "level:ERROR", "Errors at checkout",
        "https://runbooks.example.com/checkout", "https://logs.example.com/ui/?q=x");
  }

  @Test
  void webhookIsAlertmanagersVersion4() throws Exception {
    JsonNode body = JSON.readTree(NoticeMessages.webhook(notice("firing"), "ops",
        "https://logs.example.com"));
    assertThat(body.get("version").asText()).isEqualTo("4");
    assertThat(body.get("status").asText()).isEqualTo("firing");
    assertThat(body.get("receiver").asText()).isEqualTo("ops");
    assertThat(body.get("groupKey").asText()).isEqualTo("rule_1:f1ng3r");
    assertThat(body.get("externalURL").asText()).isEqualTo("https://logs.example.com");
    JsonNode alert = body.get("alerts").get(0);
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("Checkout errors");
    assertThat(alert.get("labels").get("service").asText()).isEqualTo("checkout");
    assertThat(alert.get("labels").get("team").asText()).isEqualTo("payments");
    assertThat(alert.get("annotations").get("runbook_url").asText())
        .isEqualTo("https://runbooks.example.com/checkout");
    assertThat(alert.get("startsAt").asText()).isEqualTo("2026-12-06T09:59:00Z");
    assertThat(alert.get("endsAt").asText()).isEqualTo(NoticeMessages.NOT_ENDED);
    assertThat(alert.get("generatorURL").asText()).isEqualTo("https://logs.example.com/ui/?q=x");
    assertThat(alert.get("fingerprint").asText()).isEqualTo("f1ng3r");

    JsonNode resolved = JSON.readTree(NoticeMessages.webhook(notice("resolved"), "ops", "x"));
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("alerts").get(0).get("endsAt").asText())
        .isEqualTo("2026-12-06T10:00:00Z");
  }

  @Test
  void pagerDutyTriggersAndResolvesByTheFingerprint() throws Exception {
    JsonNode trigger = JSON.readTree(NoticeMessages.pagerDuty(notice("firing"), "R0UTE"));
    assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTE");
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.get("dedup_key").asText()).isEqualTo("f1ng3r");
    assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
    assertThat(trigger.get("payload").get("source").asText()).isEqualTo("strata/shop");
    assertThat(trigger.get("payload").get("summary").asText()).contains("Checkout errors")
        .contains("42 matching");
    assertThat(trigger.get("links").get(0).get("href").asText())
        .isEqualTo("https://logs.example.com/ui/?q=x");
    JsonNode resolve = JSON.readTree(NoticeMessages.pagerDuty(notice("resolved"), "R0UTE"));
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo("f1ng3r");
    assertThat(resolve.has("payload")).isFalse();
  }

  @Test
  void slackAndMailCarryTheTitleSummaryAndLink() throws Exception {
    String text = JSON.readTree(NoticeMessages.slack(notice("firing"))).get("text").asText();
    assertThat(text).contains("[FIRING] Checkout errors").contains("42 matching events")
        .contains("<https://logs.example.com/ui/?q=x|Open the events in Strata>");
    assertThat(NoticeMessages.mailSubject(notice("resolved")))
        .isEqualTo("[RESOLVED] Checkout errors {service=checkout} (critical)");
    assertThat(NoticeMessages.mailText(notice("firing"))).contains("42 matching events")
        .contains("Query: level:ERROR").contains("https://logs.example.com/ui/?q=x");
  }

  @Test
  void theSignatureIsHmacSha256OfTheBody() {
    // RFC 4231, test case 2.
    assertThat(NoticeMessages.signature("Jefe",
        "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void aNoticeSurvivesTheOutbox() {
    Notice notice = notice("firing");
    assertThat(Outbox.read(Outbox.write(notice))).isEqualTo(notice);
  }

  @Test
  void retriesBackOffDoublingUpToTheCap() {
    Duration initial = Duration.ofSeconds(10);
    Duration max = Duration.ofMinutes(5);
    assertThat(Backoff.after(1, initial, max)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Backoff.after(2, initial, max)).isEqualTo(Duration.ofSeconds(20));
    assertThat(Backoff.after(5, initial, max)).isEqualTo(Duration.ofSeconds(160));
    assertThat(Backoff.after(6, initial, max)).isEqualTo(max);
    assertThat(Backoff.after(500, initial, max)).isEqualTo(max);
  }
}
