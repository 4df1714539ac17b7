package io.strata.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Parsing view in a real headless Chromium, signed in through the real Keycloak: an admin
 * previews a pattern over pasted lines, saves it as a rule, and the next events of its service
 * are parsed at indexing time; the rule is deleted from the grid. An auditor sees the rules
 * without a control that would change them. Every change is in the trail as alice's.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ParsingViewIT {

  private static final String PASSWORD = "strata-demo";

  @TestHTTPResource("/")
  URL base;

  @Test
  void anAdminPreviewsSavesAndDeletesARuleAndAnAuditorOnlyReads() throws Exception {
    String marker = "pv" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String rule = "orders-" + marker;
    String service = "svc-" + marker;
    String key = TestTenants.newKey("acme", "ingest", "search", "audit");
    try (Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Parsing");
      browser.open("/ui/parsing");
      browser.waitFor("#parsing-rules");

      browser.type("#parsing-name", rule);
      browser.type("#parsing-selector", "service:" + service);
      browser.waitFor("#parsing-pattern textarea")
          .sendKeys("order %{INT:order_id} paid by %{USERNAME:user} in %{INT:took_ms} ms");
      browser.waitFor("#parsing-samples textarea")
          .sendKeys("order 17 paid by u42 in 85 ms\nsomething else");
      clickInView(browser, "#parsing-preview");
      browser.until(() -> browser.waitFor("#parsing-preview-summary").getText()
          .equals("1 of 2 lines parsed"));
      List<String> cells = browser.cells("#parsing-preview-results");
      assertThat(cells).contains("parsed", "no_match", "order 17 paid by u42 in 85 ms");
      assertThat(cells).anySatisfy(c -> assertThat(c).contains("\"order_id\":17")
          .contains("\"user\":\"u42\""));
      browser.screenshot("parsing-preview");

      clickInView(browser, "#parsing-save");
      browser.awaitCell("#parsing-rules", rule);

      // The saved rule parses the service's next events at indexing time.
      Events.ingestNdjson(key, "{\"service\":\"" + service + "\",\"message\":\"order 99 paid by"
          + " u7 in 120 ms\"}\n");
      var found = Events.awaitTotal(key, Map.of("q", "service:" + service + " AND took_ms:>100"),
          1);
      assertThat(found.getMap("events[0]")).containsEntry("order_id", 99)
          .containsEntry("user", "u7");

      // Deleted from the grid: gone from the API too.
      clickInView(browser, "#parsing-rules vaadin-button[theme~='error']");
      browser.until(() -> !browser.cells("#parsing-rules").contains(rule));
    }
    List<Map<String, Object>> trail = given().auth().oauth2(key)
        .queryParam("action", "parsing_rule.create").when().get("/api/v1/audit").then()
        .statusCode(200).extract().jsonPath().getList("events");
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("actor_name", "alice")
        .containsEntry("outcome", "success"));

    assertThat(given().auth().oauth2(TestTenants.newKey("acme", "admin")).when()
        .get("/api/v1/parsing-rules").then().statusCode(200).extract().jsonPath()
        .getList("name")).doesNotContain(rule);
    try (Browser browser = Browser.signIn(base.toString(), "bob", PASSWORD)) {
      browser.open("/ui/parsing");
      browser.waitFor("#parsing-rules");
      assertThat(browser.present("#parsing-save")).isFalse();
      assertThat(browser.present("#parsing-preview")).isFalse();
    }
  }

  /** The page is longer than the window: bring the control into view before clicking it. */
  private static void clickInView(Browser browser, String css) {
    browser.waitFor(css);
    browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
    browser.click(css);
  }
}
