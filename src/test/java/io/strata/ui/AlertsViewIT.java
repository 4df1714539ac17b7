package io.strata.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Events;
import io.strata.testing.RecordingReceiver;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The Alerts view in a real headless Chromium, signed in through the real Keycloak: an engineer
 * creates a webhook channel (and tests it against a real HTTP receiver) and a rule whose live
 * preview shows the burst already ingested; the scheduler fires it, the engineer acks it in the
 * Alerts tab, the receiver gets the notification and the delivery log says so; a silence is made
 * and expired. Every change is in the trail as alice's, as through the API. An auditor sees all
 * of it without a control that would change anything.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class AlertsViewIT {

  private static final String PASSWORD = "strata-demo";

  @TestHTTPResource("/")
  URL base;

  @Test
  void anEngineerMakesARuleThatFiresAndAcksItAndAnAuditorOnlyReads() throws Exception {
    String marker = "av" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String channel = "hook-" + marker;
    String rule = "errors-" + marker;
    String hook = "/hook-" + marker;
    String key = TestTenants.newKey("acme", "ingest", "search");
    try (RecordingReceiver receiver = new RecordingReceiver();
        Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Alerts");
      browser.open("/ui/alerts");
      browser.waitFor("#current-alerts");

      // A webhook channel, and its test button answers with what the receiver said.
      browser.click("#tab-channels");
      browser.type("#channel-name", channel);
      browser.type("#channel-url", receiver.url(hook));
      browser.click("#create-channel");
      browser.awaitCell("#channels", channel);
      browser.click("vaadin-button.test-channel[data-channel='" + channel + "']");
      assertThat(browser.waitFor("#channel-test-result").getText()).startsWith("Delivered")
          .contains("HTTP 200");
      assertThat(browser.waitFor("#channel-test-response").getText()).isEqualTo("ok");
      assertThat(receiver.accepted(hook)).hasSize(1);
      assertThat(receiver.accepted(hook).getFirst().body()).contains("Strata test notification");
      browser.click("#close-channel-test");

      // A burst of errors of one service, searchable before the rule exists.
      Instant now = Instant.now();
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        burst.append("{\"@timestamp\":\"").append(now.plusMillis(i)).append("\",\"level\":")
            .append("\"ERROR\",\"service\":\"checkout\",\"message\":\"payment failed ")
            .append(marker).append("\"}\n");
      }
      Events.ingestNdjson(key, burst.toString());
      Events.awaitTotal(key, Map.of("q", marker), 5);

      // The rule form: a bad window is shown next to the field; the preview shows the burst.
      browser.click("#tab-rules");
      browser.click("#new-rule");
      browser.type("#rule-name", rule);
      browser.type("#rule-query", "level:ERROR AND " + marker);
      browser.type("#rule-window", "9d");
      browser.until(() -> browser.present("#rule-window[invalid]") && String.valueOf(
          browser.waitFor("#rule-window").getDomProperty("errorMessage")).contains("to 1d"));
      browser.type("#rule-window", "5m");
      browser.type("#rule-value", "2");
      choose(browser, "#rule-group-by", "service");
      choose(browser, "#rule-channels", channel + " (webhook)");
      browser.click("#rule-preview-now");
      browser.until(() -> browser.waitFor("#rule-preview-summary").getText()
          .contains("1 would fire"));
      assertThat(browser.present("#rule-window[invalid]")).isFalse();
      assertThat(browser.cells("#rule-preview")).contains("service=checkout", "5", "fire");
      browser.screenshot("alerts-rule-form");
      browser.click("#rule-save");
      browser.awaitCell("#rules", rule);

      // The scheduler fires it (the test profile ticks every second); the engineer acks it.
      browser.click("#tab-alerts");
      String ack = "vaadin-button.ack-alert[data-rule='" + rule + "']";
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions().until(() -> {
            browser.click("#alerts-refresh");
            return browser.present(ack);
          });
      assertThat(browser.cells("#current-alerts")).contains(rule, "service=checkout", "firing",
          "5");
      browser.screenshot("alerts-firing");
      browser.click(ack);
      browser.awaitCell("#current-alerts", "acknowledged");
      assertThat(browser.present(ack)).isFalse();

      // The channel got the firing notification, once, and the delivery log shows it.
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted(hook).size() >= 2);
      assertThat(receiver.accepted(hook)).hasSize(2);
      assertThat(receiver.accepted(hook).get(1).body()).contains(rule).contains("firing");
      browser.click("#tab-deliveries");
      browser.awaitCell("#deliveries", channel);
      assertThat(browser.cells("#deliveries")).contains("firing", rule, "200", "delivered");

      // The rule's state and sparkline: it fired once, in the last hour.
      browser.click("#tab-rules");
      browser.awaitCell("#rules", "acknowledged");
      String counts = browser.waitFor(".sparkline[data-rule='" + rule + "']")
          .getAttribute("data-counts");
      assertThat(Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray())
          .hasSize(24).endsWith(1).containsOnly(0, 1);
      browser.screenshot("alerts-rules");
      browser.click("#tab-history");
      browser.awaitCell("#alert-history", "by alice");

      // A silence, then expired.
      browser.click("#tab-silences");
      browser.type("#silence-matchers", "service=" + marker);
      browser.type("#silence-comment", "maintenance " + marker);
      browser.click("#create-silence");
      browser.awaitCell("#silences", "maintenance " + marker);
      browser.awaitCell("#silences", "active");
      browser.click("vaadin-button.expire-silence[data-comment='maintenance " + marker + "']");
      browser.awaitCell("#silences", "expired");
    }

    // Each change went through the services the API uses, as alice, and is in the trail.
    String auditKey = TestTenants.newKey("acme", "audit");
    List<Map<String, Object>> trail = given().auth().oauth2(auditKey)
        .queryParam("actor", "alice").queryParam("limit", 1000).queryParam("from", "now-1h")
        .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
        .getList("events");
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("action", "alert_channel.create")
        .containsEntry("actor_type", "user").containsEntry("outcome", "success"));
    assertThat(trail).filteredOn(e -> "alert_rule.create".equals(e.get("action"))
        && rule.equals(((Map<?, ?>) e.get("params")).get("name"))).hasSize(1);
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("action", "alert_rule.preview"));
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("action", "alert_channel.test"));
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("action", "alert.ack"));
    assertThat(trail).anySatisfy(e -> assertThat(e)
        .containsEntry("action", "alert_silence.expire"));

    // An auditor reads every tab and finds nothing that changes anything.
    try (Browser browser = Browser.signIn(base.toString(), "bob", PASSWORD)) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Alerts");
      browser.open("/ui/alerts");
      browser.awaitCell("#current-alerts", rule);
      assertThat(browser.cells("#current-alerts")).contains("acknowledged");
      assertThat(browser.present("vaadin-button.ack-alert")).isFalse();
      browser.click("#tab-rules");
      browser.awaitCell("#rules", rule);
      assertThat(browser.present("#new-rule")).isFalse();
      assertThat(browser.present("vaadin-button.edit-rule")).isFalse();
      browser.click("#tab-channels");
      browser.awaitCell("#channels", channel);
      assertThat(browser.present("#create-channel")).isFalse();
      assertThat(browser.present("vaadin-button.test-channel")).isFalse();
      assertThat(browser.present("vaadin-button.delete-channel")).isFalse();
      browser.click("#tab-silences");
      browser.awaitCell("#silences", "maintenance " + marker);
      assertThat(browser.present("#create-silence")).isFalse();
      assertThat(browser.present("vaadin-button.expire-silence")).isFalse();
      browser.click("#tab-deliveries");
      browser.awaitCell("#deliveries", channel);
      browser.screenshot("alerts-auditor");
    }
  }

  /** Picks the item labelled {@code label} of the multi-select combo box {@code css}. */
  private static void choose(Browser browser, String css, String label) {
    browser.type(css, label);
    // The items live in the overlay, wherever this Vaadin version renders it: searched
    // through shadow roots too.
    browser.until(() -> Boolean.TRUE.equals(browser.js("const found = [];"
        + " const walk = root => { root.querySelectorAll('vaadin-multi-select-combo-box-item')"
        + ".forEach(i => found.push(i)); root.querySelectorAll('*').forEach(e => e.shadowRoot"
        + " && walk(e.shadowRoot)); }; walk(document);"
        + " const item = found.find(i => i.textContent.trim() === arguments[0]);"
        + " if (!item) { return false; } item.click(); return true;", label)));
    browser.until(() -> Boolean.TRUE.equals(browser.js("return (document.querySelector("
        + "arguments[0]).selectedItems || []).length === 1", css)));
    browser.waitFor(css + " input").sendKeys(Keys.ESCAPE);
  }
}
