package io.strata.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.alerting.delivery.NoticeMessages;
import io.strata.testing.Events;
import io.strata.testing.RecordingReceiver;
import io.strata.testing.RecordingReceiver.Received;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestSmtp;
import io.strata.testing.TestTenants;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications reach real receivers: an HTTP server in the test records what the webhook, Slack
 * and PagerDuty channels send, and a real SMTP server (GreenMail) the e-mail. A burst fires and
 * resolves, each told once per channel; a receiver that is down gets its notification when it is
 * back; a silence keeps an alert quiet until it ends; channels are guarded and keep their secrets.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class AlertNotificationIT {

  private static final String CHANNELS = "/api/v1/alerts/channels";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RecordingReceiver receiver;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new RecordingReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static String channel(String key, Map<String, Object> body) {
    return given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post(CHANNELS).then().statusCode(201).extract().path("id");
  }

  private static String rule(String key, String name, String service, List<String> channels,
      Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(Map.of("name", name,
        "query", "level:ERROR AND service:" + service, "window", "10s", "every", "10s",
        "condition", Map.of("op", ">", "value", 2), "group_by", List.of("service"),
        "severity", "critical", "channels", channels));
    body.putAll(extra);
    return given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
        .when().post("/api/v1/alerts/rules").then().statusCode(201).extract().path("id");
  }

  private static void burst(String key, String service, int errors) {
    StringBuilder lines = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < errors; i++) {
      lines.append("{\"@timestamp\":\"").append(now.plusMillis(i)).append("\",\"level\":\"ERROR\","
          + "\"service\":\"").append(service).append("\",\"message\":\"payment failed ")
          .append(i).append("\"}\n");
    }
    Events.ingestNdjson(key, lines.toString());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  private static List<MimeMessage> mailTo(String address) {
    return TestSmtp.received().stream().filter(message -> {
      try {
        return message.getAllRecipients()[0].toString().equals(address);
      } catch (Exception e) {
        return false;
      }
    }).toList();
  }

  @Test
  void aBurstIsToldOnceOnEveryChannelAndSoIsItsResolve() throws Exception {
    String tenant = TestTenants.newTenant("notify");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit");
    String id = UUID.randomUUID().toString().substring(0, 8);
    String hook = "/hook-" + id;
    String slack = "/slack-" + id;
    String pager = "/pd-" + id;
    String mailbox = "oncall-" + id + "@example.com";
    String webhookChannel = channel(key, Map.of("name", "ops webhook", "kind", "webhook",
        "url", receiver.url(hook), "secret", "hmac-" + id));
    String slackChannel = channel(key, Map.of("name", "ops slack", "kind", "slack",
        "url", receiver.url(slack)));
    String pagerChannel = channel(key, Map.of("name", "ops pager", "kind", "pagerduty",
        "url", receiver.url(pager), "routing_key", "route-" + id));
    String mailChannel = channel(key, Map.of("name", "ops mail", "kind", "email",
        "to", List.of(mailbox)));
    String rule = rule(key, "checkout errors", "checkout",
        List.of(webhookChannel, slackChannel, pagerChannel, mailChannel), Map.of(
            "runbook_url", "https://runbooks.example.com/checkout"));
    String fingerprint = AlertFingerprint.of(rule, Map.of("service", "checkout"));

    burst(key, "checkout", 5);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 1 && receiver.accepted(slack).size() == 1
            && receiver.accepted(pager).size() == 1 && mailTo(mailbox).size() == 1);

    Received firing = receiver.accepted(hook).getFirst();
    assertThat(firing.headers().get("x-strata-signature")).isEqualTo(NoticeMessages.signature(
        "hmac-" + id, firing.body().getBytes(StandardCharsets.UTF_8)));
    JsonNode webhook = json(firing.body());
    assertThat(webhook.get("version").asText()).isEqualTo("4");
    assertThat(webhook.get("status").asText()).isEqualTo("firing");
    JsonNode alert = webhook.get("alerts").get(0);
    assertThat(alert.get("fingerprint").asText()).isEqualTo(fingerprint);
    assertThat(alert.get("labels").get("service").asText()).isEqualTo("checkout");
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("checkout errors");
    assertThat(alert.get("annotations").get("value").asText()).isEqualTo("5");
    // The link opens the console's search for the events behind the alert.
    assertThat(alert.get("generatorURL").asText()).contains("/ui/?q=")
        .contains("service%3A%22checkout%22").contains("&from=").contains("&to=");
    JsonNode trigger = json(receiver.accepted(pager).getFirst().body());
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.get("dedup_key").asText()).isEqualTo(fingerprint);
    assertThat(trigger.get("routing_key").asText()).isEqualTo("route-" + id);
    assertThat(json(receiver.accepted(slack).getFirst().body()).get("text").asText())
        .contains("[FIRING] checkout errors");
    MimeMessage mail = mailTo(mailbox).getFirst();
    assertThat(mail.getSubject()).startsWith("[FIRING] checkout errors");
    assertThat(mail.getFrom()[0].toString()).isEqualTo(TestSmtp.FROM);

    // The burst leaves the 10 s window: resolved, told once on each channel.
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 2 && receiver.accepted(slack).size() == 2
            && receiver.accepted(pager).size() == 2 && mailTo(mailbox).size() == 2);
    assertThat(json(receiver.accepted(hook).get(1).body()).get("status").asText())
        .isEqualTo("resolved");
    JsonNode resolve = json(receiver.accepted(pager).get(1).body());
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo(fingerprint);
    assertThat(mailTo(mailbox).get(1).getSubject()).startsWith("[RESOLVED] checkout errors");

    // Two more evaluations: nothing is told twice.
    Thread.sleep(12_000);
    assertThat(receiver.received(hook)).hasSize(2);
    assertThat(receiver.received(slack)).hasSize(2);
    assertThat(receiver.received(pager)).hasSize(2);
    assertThat(mailTo(mailbox)).hasSize(2);

    List<Map<String, Object>> deliveries = given().auth().oauth2(key)
        .queryParam("rule", rule).when().get("/api/v1/alerts/deliveries").then().statusCode(200)
        .extract().jsonPath().getList("$");
    assertThat(deliveries).hasSize(8).allSatisfy(d -> {
      assertThat(d).containsEntry("outcome", "delivered").containsEntry("fingerprint",
          fingerprint).containsEntry("attempt", 1);
    });
    assertThat(deliveries.stream().filter(d -> webhookChannel.equals(d.get("channel_id")))
        .map(d -> d.get("status_code")).toList()).containsExactly(200, 200);
  }

  @Test
  void aReceiverThatIsDownGetsTheNotificationOnceWhenItIsBack() {
    String tenant = TestTenants.newTenant("notify-down");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String hook = "/down-" + UUID.randomUUID();
    receiver.failNext(hook, 3);
    String webhook = channel(key, Map.of("name", "flaky", "kind", "webhook",
        "url", receiver.url(hook)));
    // A minute's window: the alert stays firing while its notification is retried, so no resolved
    // notification can join the count (with 10 s it could resolve before the fourth attempt).
    String rule = rule(key, "flaky errors", "flaky", List.of(webhook), Map.of("window", "1m"));

    burst(key, "flaky", 4);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 1);
    List<Received> all = receiver.received(hook);
    assertThat(all).hasSize(4);
    assertThat(all.stream().map(Received::status).toList()).containsExactly(503, 503, 503, 200);
    // Every attempt names the same notification, so a receiver could drop a duplicate.
    assertThat(all.stream().map(r -> r.headers().get("x-strata-notification-id")).distinct())
        .hasSize(1);
    List<Map<String, Object>> deliveries = given().auth().oauth2(key).queryParam("rule", rule)
        .when().get("/api/v1/alerts/deliveries").then().statusCode(200).extract().jsonPath()
        .getList("$");
    assertThat(deliveries.stream().map(d -> d.get("outcome") + "/" + d.get("status_code")
        + "/" + d.get("attempt")).toList())
        .containsExactly("delivered/200/4", "retry/503/3", "retry/503/2", "retry/503/1");
  }

  @Test
  void noDataFiresForTheServiceThatWentQuietOnly() {
    String tenant = TestTenants.newTenant("notify-nodata");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String hook = "/nodata-" + UUID.randomUUID();
    String webhook = channel(key, Map.of("name", "hook", "kind", "webhook",
        "url", receiver.url(hook)));
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "heartbeats", "query", "", "kind", "no_data", "window", "10s",
            "every", "10s", "group_by", List.of("service"), "channels", List.of(webhook)))
        .when().post("/api/v1/alerts/rules").then().statusCode(201);
    // Both services log; then only "steady" goes on, every two seconds, for half a minute.
    burst(key, "quiet", 3);
    burst(key, "steady", 3);
    long until = System.currentTimeMillis() + 30_000;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      burst(key, "steady", 1);
      return receiver.accepted(hook).size() >= 1 && System.currentTimeMillis() > until;
    });
    List<Received> told = receiver.accepted(hook);
    assertThat(told).hasSize(1);
    JsonNode alert = json(told.getFirst().body()).get("alerts").get(0);
    assertThat(alert.get("labels").get("service").asText()).isEqualTo("quiet");
    assertThat(alert.get("annotations").get("summary").asText())
        .startsWith("No matching events in the last 10s");
  }

  @Test
  void deletingARuleResolvesWhatItTold() throws Exception {
    String tenant = TestTenants.newTenant("notify-delete");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String hook = "/deleted-" + UUID.randomUUID();
    String webhook = channel(key, Map.of("name", "hook", "kind", "webhook",
        "url", receiver.url(hook)));
    String rule = rule(key, "short-lived", "gone", List.of(webhook), Map.of("window", "1m"));
    burst(key, "gone", 5);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 1);
    given().auth().oauth2(key).when().delete("/api/v1/alerts/rules/" + rule).then()
        .statusCode(204);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 2);
    JsonNode resolved = json(receiver.accepted(hook).get(1).body());
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("alerts").get(0).get("annotations").get("summary").asText())
        .isEqualTo("Resolved: the rule was deleted.");
    assertThat(given().auth().oauth2(key).queryParam("rule", rule).queryParam("from", "now-1h")
        .when().get("/api/v1/alerts/history").then().statusCode(200).extract().jsonPath()
        .getList("to", String.class)).first().isEqualTo("resolved");
    Thread.sleep(3_000);
    assertThat(receiver.received(hook)).hasSize(2);
  }

  @Test
  void aSilenceKeepsAnAlertQuietUntilItEnds() throws Exception {
    String tenant = TestTenants.newTenant("notify-silence");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String hook = "/silenced-" + UUID.randomUUID();
    String webhook = channel(key, Map.of("name", "quiet", "kind", "webhook",
        "url", receiver.url(hook)));
    String rule = rule(key, "maintenance errors", "batch", List.of(webhook),
        Map.of("window", "1m"));
    String silence = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("rule_ids", List.of(rule), "matchers", Map.of("service", "batch"),
            "to", "now+1h", "comment", "batch migration"))
        .when().post("/api/v1/alerts/silences").then().statusCode(201)
        .body("status", equalTo("active")).extract().path("id");

    burst(key, "batch", 5);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
        .until(() -> given().auth().oauth2(key).when().get("/api/v1/alerts").then()
            .extract().jsonPath().getList("state").contains("silenced"));
    given().auth().oauth2(key).when().get("/api/v1/alerts").then()
        .body("[0].silenced_by", equalTo(silence));
    Thread.sleep(3_000);
    assertThat(receiver.received(hook)).isEmpty();

    given().auth().oauth2(key).when().delete("/api/v1/alerts/silences/" + silence).then()
        .statusCode(200).body("status", equalTo("expired"));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> receiver.accepted(hook).size() == 1);
    assertThat(json(receiver.accepted(hook).getFirst().body()).get("status").asText())
        .isEqualTo("firing");
  }

  @Test
  void channelsAreGuardedKeepTheirSecretsAndCanBeTested() {
    String tenant = TestTenants.newTenant("notify-guard");
    String key = TestTenants.newKey(tenant, "search", "audit");
    String reader = TestTenants.newKey(tenant, "audit");
    // The cloud metadata service, private and link-local networks: refused, naming the field.
    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
        "http://[fe80::1]/x", "http://192.168.1.10:8080/")) {
      given().auth().oauth2(key).contentType(ContentType.JSON)
          .body(Map.of("name", "bad", "kind", "webhook", "url", url))
          .when().post(CHANNELS).then().statusCode(400)
          .contentType("application/problem+json").body("field", equalTo("url"));
    }
    String secret = "very-secret-" + UUID.randomUUID();
    String hook = "/guarded-" + UUID.randomUUID();
    String id = channel(key, Map.of("name", "signed", "kind", "webhook",
        "url", receiver.url(hook), "secret", secret));
    String pager = channel(key, Map.of("name", "pager", "kind", "pagerduty",
        "url", receiver.url(hook + "-pd"), "routing_key", secret + "-rk"));
    for (String path : List.of(CHANNELS, CHANNELS + "/" + id, CHANNELS + "/" + pager)) {
      String body = given().auth().oauth2(reader).when().get(path).then().statusCode(200)
          .extract().asString();
      assertThat(body).doesNotContain(secret).contains("\"secret_set\":true");
    }
    // An update without the secret keeps it: the test message is still signed.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "signed", "kind", "webhook", "url", receiver.url(hook)))
        .when().put(CHANNELS + "/" + id).then().statusCode(200).body("secret_set", equalTo(true));
    given().auth().oauth2(key).when().post(CHANNELS + "/" + id + "/test").then()
        .statusCode(200).body("delivered", equalTo(true)).body("status_code", equalTo(200))
        .body("response", equalTo("ok"));
    Received test = receiver.received(hook).getFirst();
    assertThat(test.headers().get("x-strata-signature")).isEqualTo(NoticeMessages.signature(
        secret, test.body().getBytes(StandardCharsets.UTF_8)));
    // A redirect is not followed: it could lead past the guard.
    String elsewhere = "/elsewhere-" + UUID.randomUUID();
    receiver.redirect(hook, receiver.url(elsewhere));
    given().auth().oauth2(key).when().post(CHANNELS + "/" + id + "/test").then()
        .statusCode(200).body("delivered", equalTo(false)).body("status_code", equalTo(302));
    assertThat(receiver.received(elsewhere)).isEmpty();
    // Rules name their own tenant's channels; a channel in use is not deleted.
    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "r", "query", "level:ERROR", "window", "1m",
            "condition", Map.of("op", ">", "value", 1), "channels", List.of("chan_nope")))
        .when().post("/api/v1/alerts/rules").then().statusCode(400)
        .body("field", equalTo("channels"));
    rule(key, "uses signed", "x", List.of(id), Map.of());
    given().auth().oauth2(key).when().delete(CHANNELS + "/" + id).then().statusCode(409);
    given().auth().oauth2(key).when().delete(CHANNELS + "/" + pager).then().statusCode(204);
    // Auditors read channels but do not change or fire them.
    given().auth().oauth2(reader).when().post(CHANNELS + "/" + id + "/test").then()
        .statusCode(403);
    given().auth().oauth2(key).queryParam("action", "alert_channel.create").when()
        .get("/api/v1/audit").then().statusCode(200)
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));
  }
}
