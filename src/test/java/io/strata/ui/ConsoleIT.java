package io.strata.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium, signed in through the real Keycloak: search, facets,
 * context and trace, live tail, API keys, the audit trail, roles and tenants. Screenshots of each
 * view are saved under target/screenshots and checked to show a rendered page.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ConsoleIT {

  private static final String PASSWORD = "strata-demo";
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @TestHTTPResource("/")
  URL base;

  private static String marker;
  private static String acmeKey;

  @BeforeEach
  void seedAcme() {
    if (marker != null) {
      return;
    }
    marker = "ui" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    acmeKey = TestTenants.newKey("acme", "ingest", "search");
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
    String body = String.join("\n",
        event(t, "INFO", "checkout", "web-1", "order placed " + marker, TRACE),
        event(t.plusSeconds(1), "ERROR", "payments", "pay-1", "card declined " + marker, TRACE),
        event(t.plusSeconds(2), "WARN", "checkout", "web-1", "retrying payment " + marker, TRACE),
        event(t.plusSeconds(3), "INFO", "email", "mail-1", "confirmation queued " + marker, null),
        event(t.plusSeconds(4), "INFO", "checkout", "web-1", "order shipped " + marker, null)) + "\n";
    Events.ingestNdjson(acmeKey, body);
    Events.awaitTotal(acmeKey, Map.of("q", marker), 5);
    String globexKey = TestTenants.newKey("globex", "ingest", "search");
    Events.ingestNdjson(globexKey, event(t, "ERROR", "vault", "g-1", "globex secret " + marker,
        null) + "\n");
    Events.awaitTotal(globexKey, Map.of("q", marker), 1);
  }

  private static String event(Instant at, String level, String service, String host,
      String message, String trace) {
    return "{\"@timestamp\":\"" + at + "\",\"level\":\"" + level + "\",\"service\":\"" + service
        + "\",\"host\":\"" + host + "\",\"message\":\"" + message + "\""
        + (trace == null ? "" : ",\"trace_id\":\"" + trace + "\"") + "}";
  }

  private Browser signIn(String user) throws Exception {
    return Browser.signIn(base.toString(), user, PASSWORD);
  }

  @Test
  void searchNarrowByFacetAndOpenContextAndTrace() throws Exception {
    try (Browser browser = signIn("alice")) {
      browser.type("#query", marker);
      browser.click("#search");
      browser.awaitUrlContains("q=" + marker);
      browser.awaitCell("#results", "card declined " + marker);
      assertThat(browser.cells("#results")).contains("order placed " + marker,
          "retrying payment " + marker, "confirmation queued " + marker, "order shipped " + marker)
          .noneMatch(c -> c.contains("globex secret"));
      browser.until(() -> browser.present("#histogram .histogram-bar[data-count]"));
      assertThat(browser.waitFor("#summary").getText()).startsWith("5 events");
      checkScreenshot(browser.screenshot("search"));

      // A facet value narrows the search, and the URL says so.
      browser.click("#facets vaadin-button.facet-value[data-field='service'][data-value='checkout']");
      browser.awaitUrlContains("service");
      browser.until(() -> !browser.cells("#results").contains("card declined " + marker));
      assertThat(browser.cells("#results")).contains("order placed " + marker,
          "retrying payment " + marker, "order shipped " + marker);
      checkScreenshot(browser.screenshot("search-facet"));

      // A drag across the histogram zooms to the buckets between, an absolute range in the URL.
      // It ends on the newest bar with events: an empty bar has no height to release on, and the
      // newest bucket is empty when the clock has just passed a bucket boundary.
      java.util.List<org.openqa.selenium.WebElement> bars = browser.driver.findElements(
          org.openqa.selenium.By.cssSelector("#histogram .histogram-bar"));
      org.openqa.selenium.WebElement lastWithEvents = bars.stream()
          .filter(b -> !"0".equals(b.getAttribute("data-count"))).reduce((a, b) -> b)
          .orElseThrow();
      new org.openqa.selenium.interactions.Actions(browser.driver)
          .clickAndHold(bars.get(10))
          .moveToElement(lastWithEvents)
          .release().perform();
      browser.awaitUrlContains("from=20");
      browser.awaitCell("#results", "retrying payment " + marker);

      // The shared link brings the same search back.
      String link = browser.driver.getCurrentUrl();
      browser.open("/ui/tail");
      browser.driver.get(link);
      browser.awaitCell("#results", "retrying payment " + marker);

      // An event opens as JSON; its surrounding lines are its own service and host only.
      browser.driver.findElements(org.openqa.selenium.By.cssSelector("#results vaadin-grid-cell-content"))
          .stream().filter(c -> c.getText().equals("retrying payment " + marker)).findFirst()
          .orElseThrow().click();
      browser.click("vaadin-button.open-context");
      browser.waitFor("#context-dialog-events");
      browser.awaitCell("#context-dialog-events", "order shipped " + marker);
      assertThat(browser.cells("#context-dialog-events")).contains("order placed " + marker,
          "retrying payment " + marker).noneMatch(c -> c.contains("card declined"))
          // Times as the Search grid shows them, in the displayed zone, not the stored ISO text.
          .noneMatch(c -> c.matches("\\d{4}-\\d\\d-\\d\\dT.*"))
          .anyMatch(c -> c.matches("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
      // The event the lines are around is marked.
      assertThat(browser.js("return Array.from(document.querySelectorAll("
          + "'#context-dialog-events vaadin-grid-cell-content')).filter(c => c.assignedSlot"
          + " && (c.assignedSlot.parentElement.getAttribute('part') || '').includes('marked'))"
          + ".map(c => c.textContent.trim())").toString()).contains("retrying payment " + marker);
      checkScreenshot(browser.screenshot("context"));
      browser.js("document.querySelector('#context-dialog').opened = false");

      browser.click("vaadin-button.open-trace");
      browser.waitFor("#trace-dialog-events");
      browser.awaitCell("#trace-dialog-events", "card declined " + marker);
      assertThat(browser.cells("#trace-dialog-events"))
          .noneMatch(c -> c.matches("\\d{4}-\\d\\d-\\d\\dT.*"));
      assertThat(browser.cells("#trace-dialog-events")).contains("order placed " + marker,
          "retrying payment " + marker).noneMatch(c -> c.contains("order shipped"));
      checkScreenshot(browser.screenshot("trace"));
    }
  }

  @Test
  void liveTailShowsFullLevelsAndHoldsEventsWhilePaused() throws Exception {
    String fresh = "tail" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Browser browser = signIn("alice")) {
      browser.open("/ui/tail");
      browser.type("#tail-query", fresh);
      browser.click("#tail-start");
      browser.until(() -> browser.waitFor("#tail-status").getText().startsWith("Live"));
      Events.ingestNdjson(acmeKey, "{\"level\":\"WARN\",\"service\":\"checkout\","
          + "\"message\":\"just now " + fresh + "\"}\n");
      browser.awaitCell("#tail-events", "just now " + fresh);
      // The whole level on its colour, as in search: not cut to "W…" by a column sized empty.
      assertThat(browser.js("const badge = document.querySelector('#tail-events span.level-warn');"
          + " const cell = badge.closest('vaadin-grid-cell-content');"
          + " return badge.textContent + ' ' + (cell.scrollWidth <= cell.clientWidth) + ' '"
          + " + getComputedStyle(badge).backgroundColor")).isEqualTo("WARN true rgb(232, 163, 23)");
      checkScreenshot(browser.screenshot("live-tail"));

      // Paused, the rows stand still: what arrives is counted, not shown, until resumed.
      browser.click("#tail-pause");
      browser.until(() -> browser.waitFor("#tail-status").getText().equals("Paused"));
      Events.ingestNdjson(acmeKey, "{\"level\":\"ERROR\",\"service\":\"checkout\","
          + "\"message\":\"while paused " + fresh + "\"}\n");
      browser.until(() -> browser.waitFor("#tail-status").getText()
          .equals("Paused — 1 new event"));
      assertThat(browser.cells("#tail-events")).contains("just now " + fresh)
          .doesNotContain("while paused " + fresh);
      browser.click("#tail-pause");
      browser.awaitCell("#tail-events", "while paused " + fresh);
      assertThat(browser.waitFor("#tail-status").getText()).isEqualTo("Live");
      assertThat(browser.cells("#tail-events")).contains("ERROR", "WARN");
      // Heartbeats keep it live: still so after several keep-alive intervals without events.
      Thread.sleep(6_000);
      assertThat(browser.waitFor("#tail-status").getText()).isEqualTo("Live");

      // The browser losing the server replaces "Live" with a warning; the next request that gets
      // through (the view's poll) brings it back. Vaadin's client sets this state when its
      // connection drops; a listener added after the view's records what the page showed then.
      Object shown = browser.js("""
          const store = window.Vaadin.connectionState, seen = [];
          const visible = id => { const e = document.getElementById(id);
            return e.style.display === 'none' ? '' : e.textContent; };
          store.addStateChangeListener((before, now) => seen.push(now + '|'
              + visible('tail-disconnected') + '|' + visible('tail-status')));
          window.strataSeen = seen;
          store.state = 'reconnecting';
          return seen[0];""");
      assertThat(shown.toString()).matches(
          "reconnecting\\|Disconnected from the server · last event \\d\\d:\\d\\d:\\d\\d UTC\\|");
      browser.until(() -> browser.waitFor("#tail-status").isDisplayed()
          && browser.waitFor("#tail-status").getText().equals("Live"));
      assertThat(browser.js("return window.strataSeen").toString()).contains("connected||Live");
      assertThat(browser.waitFor("#tail-disconnected").isDisplayed()).isFalse();
    }
  }

  @Test
  void surroundingLinesOpenOnTheEventAndPageInOlderLines() throws Exception {
    String tag = "cx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String service = "svc" + tag;
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      body.append(event(t.plusSeconds(i), i % 10 == 0 ? "WARN" : "INFO", service, "ctx-1",
          "line " + i + " " + tag + "n" + i, null)).append('\n');
    }
    Events.ingestNdjson(acmeKey, body.toString());
    Events.awaitTotal(acmeKey, Map.of("q", "service:" + service), 60);
    try (Browser browser = signIn("alice")) {
      browser.type("#query", tag + "n44");
      browser.click("#search");
      browser.awaitCell("#results", "line 44 " + tag + "n44");
      browser.driver.findElements(org.openqa.selenium.By.cssSelector("#results vaadin-grid-cell-content"))
          .stream().filter(c -> c.getText().equals("line 44 " + tag + "n44")).findFirst()
          .orElseThrow().click();
      browser.click("vaadin-button.open-context");
      browser.waitFor("#context-dialog-events");
      // 25 lines either side: lines 19 to 59, opened on line 44, marked and in sight.
      browser.until(() -> String.valueOf(browser.js(MARKED_IN_SIGHT, "#context-dialog-events"))
          .contains("line 44 " + tag + "n44"));
      assertThat(browser.js("return document.querySelector('#context-dialog-events').size"))
          .isEqualTo(41L);
      assertThat(browser.cells("#context-dialog-events")).doesNotContain("line 18 " + tag + "n18");
      checkScreenshot(browser.screenshot("context-paged"));

      // Older lines come in above those shown, up to the source's first.
      browser.click("#context-load-older");
      browser.awaitCell("#context-dialog-events", "line 18 " + tag + "n18");
      assertThat(browser.js("return document.querySelector('#context-dialog-events').size"))
          .isEqualTo(60L);
      browser.waitFor("#context-load-older[disabled]");
      assertThat(browser.present("#context-load-newer[disabled]")).isTrue();
    }
  }

  /** The texts of the marked row's cells that lie wholly in sight, below the grid's header. */
  private static final String MARKED_IN_SIGHT = """
      const grid = document.querySelector(arguments[0]);
      const top = grid.$.header.getBoundingClientRect().bottom;
      const bottom = grid.$.table.getBoundingClientRect().bottom;
      return Array.from(grid.querySelectorAll('vaadin-grid-cell-content')).filter(c =>
          c.assignedSlot && (c.assignedSlot.parentElement.getAttribute('part') || '')
              .includes('marked') && c.getClientRects().length > 0).filter(c => {
        const r = c.assignedSlot.parentElement.getBoundingClientRect();
        return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
      }).map(c => c.textContent.trim()).join('|');
      """;

  @Test
  void adminCreatesAndRevokesAKey() throws Exception {
    String name = "ui-key-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = signIn("alice")) {
      browser.open("/ui/keys");
      browser.type("#key-name", name);
      browser.click("#create-key");
      String secret = browser.waitFor("#new-key-secret input").getAttribute("value");
      assertThat(secret).startsWith("strata_");
      checkScreenshot(browser.screenshot("api-key-created"));
      given().auth().oauth2(secret).contentType("application/x-ndjson")
          .body("{\"message\":\"from the new key\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .when().post("/api/v1/ingest").then().statusCode(200);
      browser.click("#close-key-dialog");
      browser.awaitCell("#keys", name);
      checkScreenshot(browser.screenshot("api-keys"));
      browser.click("vaadin-button.revoke-key[data-key='" + name + "']");
      browser.waitFor("#confirm-revoke [slot='confirm-button']");
      browser.js("document.querySelector(\"#confirm-revoke [slot='confirm-button']\").click()");
      // Other tests revoke keys of acme too: wait for this key's own row to turn revoked.
      browser.waitFor("vaadin-button.revoke-key[data-key='" + name + "'][disabled]");
      given().auth().oauth2(secret).contentType("application/x-ndjson")
          .body("{\"message\":\"x\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .when().post("/api/v1/ingest").then().statusCode(401);
    }
    // The console calls the same services as the API: both changes are in acme's trail, once,
    // as alice's, after her sign-in.
    String auditKey = TestTenants.newKey("acme", "audit");
    java.util.List<Map<String, Object>> trail = given().auth().oauth2(auditKey)
        .queryParam("actor", "alice").queryParam("limit", 1000).when().get("/api/v1/audit")
        .then().statusCode(200).extract().jsonPath().getList("events");
    java.util.List<Map<String, Object>> created = trail.stream()
        .filter(e -> "key.create".equals(e.get("action"))
            && name.equals(((Map<?, ?>) e.get("params")).get("name"))).toList();
    assertThat(created).hasSize(1);
    assertThat(created.getFirst()).containsEntry("actor_type", "user")
        .containsEntry("outcome", "success");
    assertThat(trail).filteredOn(e -> "key.revoke".equals(e.get("action"))
        && created.getFirst().get("target").equals(e.get("target"))).hasSize(1);
    assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("action", "console.sign_in"));
  }

  @Test
  void anAuditorSeesNoAdminViewsAndCannotReachThem() throws Exception {
    try (Browser browser = signIn("bob")) {
      browser.waitFor("vaadin-side-nav");
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Search")
          .doesNotContain("API keys").doesNotContain("Tenants");
      browser.open("/ui/keys");
      browser.waitFor("#access-denied");
      assertThat(browser.present("#keys")).isFalse();
      checkScreenshot(browser.screenshot("auditor-denied"));
      browser.open("/ui/tenants");
      browser.waitFor("#access-denied");
      // Signing out ends the session at Keycloak too: the console asks for a sign-in again.
      browser.click("#sign-out");
      browser.waitFor("#username");
      browser.open("/ui/");
      browser.waitFor("#username");
      assertThat(browser.present("#signed-in-user")).isFalse();
    }
  }

  @Test
  void anAuditorReadsVerifiesAndDownloadsTheTrailAndAnEngineerMayNot() throws Exception {
    String fetched;
    try (Browser browser = signIn("bob")) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Audit");
      browser.open("/ui/audit");
      browser.waitFor("#audit-events");
      // Opening the view read the trail, and that read is its newest event.
      browser.awaitCell("#audit-events", "audit.read");
      // Narrowed to bob's own actions.
      browser.type("#audit-actor", "bob");
      browser.click("#audit-apply");
      // The grid held bob's rows before the filter too: wait for the others to go.
      browser.until(() -> browser.cells("#audit-events").contains("bob (user)")
          && browser.cells("#audit-events").stream().noneMatch(c -> c.startsWith("alice")));

      browser.click("#verify-now");
      browser.until(() -> browser.waitFor("#verification-status").getText().startsWith("ok"));
      assertThat(browser.waitFor("#verification-scheduled").getText()).isNotBlank();
      checkScreenshot(browser.screenshot("audit"));

      // A report link downloads the report, made and recorded by the same service as the API's.
      String href = browser.waitFor("#report-access-csv").getAttribute("href");
      assertThat(browser.present("#report-integrity-pdf")).isTrue();
      // The browser hashes what it got: a string handed back through WebDriver may not keep
      // the CSV's CRLF line ends byte for byte.
      fetched = (String) browser.asyncJs("const done = arguments[arguments.length - 1];"
          + " fetch(arguments[0]).then(r => r.arrayBuffer().then(b => crypto.subtle.digest("
          + "'SHA-256', b).then(h => done(r.status + ' ' + Array.from(new Uint8Array(h))"
          + ".map(x => x.toString(16).padStart(2, '0')).join('') + ' '"
          + " + new TextDecoder().decode(b)))))"
          + ".catch(e => done('failed: ' + e));", href);
    }
    assertThat(fetched).startsWith("200 ").contains(" seq,time,tenant,actor_type");
    String sha256 = fetched.split(" ")[1];
    String auditKey = TestTenants.newKey("acme", "audit");
    java.util.List<Map<String, Object>> made = given().auth().oauth2(auditKey)
        .queryParam("action", "report.access").queryParam("actor", "bob").when()
        .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("events");
    assertThat(made).anySatisfy(e -> assertThat((Map<String, Object>) e.get("params"))
        .containsEntry("sha256", sha256).containsEntry("format", "csv"));
    // So is the verification the view ran.
    assertThat(given().auth().oauth2(auditKey).queryParam("action", "audit.verify")
        .queryParam("actor", "bob").when().get("/api/v1/audit").then().statusCode(200)
        .extract().jsonPath().getList("events")).isNotEmpty();

    try (Browser browser = signIn("carol")) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).doesNotContain("Audit");
      browser.open("/ui/audit");
      browser.waitFor("#access-denied");
      assertThat(browser.present("#audit-events")).isFalse();
    }
  }

  @Test
  void anAdminSetsRetentionAndPlacesAHoldAndAnAuditorOnlyReads() throws Exception {
    String hold = "ui-hold-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = signIn("alice")) {
      assertThat(browser.waitFor("vaadin-side-nav").getText()).contains("Retention");
      browser.open("/ui/retention");
      browser.awaitCell("#retention-classes", "events no stream selects");
      // A policy that breaks its own profile is refused, as by the API.
      WebElement policy = browser.waitFor("#policy-json textarea");
      policy.clear();
      policy.sendKeys("{\"default_days\":400,\"profile\":\"pci-dss\",\"streams\":[{\"name\":"
          + "\"debug\",\"selector\":\"level:DEBUG\",\"days\":14}]}");
      browser.click("#save-policy");
      browser.until(() -> browser.present("vaadin-notification-card")
          && browser.waitFor("vaadin-notification-card").getText().contains("pci-dss"));
      policy = browser.waitFor("#policy-json textarea");
      policy.clear();
      policy.sendKeys("{\"default_days\":3650,\"streams\":[{\"name\":\"payments\","
          + "\"selector\":\"service:payments\",\"days\":4000,\"priority\":5}]}");
      browser.click("#save-policy");
      browser.awaitCell("#retention-classes", "service:payments");
      browser.type("#hold-name", hold);
      browser.type("#hold-query", "service:payments");
      browser.type("#hold-reason", "console test");
      browser.click("#place-hold");
      browser.awaitCell("#holds", hold);
      checkScreenshot(browser.screenshot("retention"));
      browser.click("vaadin-button.release-hold[data-hold='" + hold + "']");
      browser.waitFor("vaadin-button.release-hold[data-hold='" + hold + "'][disabled]");
    }
    String auditKey = TestTenants.newKey("acme", "audit");
    given().auth().oauth2(auditKey).when().get("/api/v1/retention").then().statusCode(200)
        .body("streams[0].name", org.hamcrest.Matchers.equalTo("payments"))
        .body("updated_by", org.hamcrest.Matchers.equalTo("alice"));
    java.util.List<Map<String, Object>> trail = given().auth().oauth2(auditKey)
        .queryParam("actor", "alice").queryParam("limit", 1000).when().get("/api/v1/audit")
        .then().statusCode(200).extract().jsonPath().getList("events");
    assertThat(trail).filteredOn(e -> "retention.update".equals(e.get("action"))
        && "success".equals(e.get("outcome"))).isNotEmpty();
    assertThat(trail).filteredOn(e -> "hold.create".equals(e.get("action"))
        && hold.equals(((Map<?, ?>) e.get("params")).get("name"))).hasSize(1);

    try (Browser browser = signIn("bob")) {
      browser.open("/ui/retention");
      browser.awaitCell("#retention-classes", "service:payments");
      browser.awaitCell("#holds", hold);
      assertThat(browser.present("#policy-json")).isFalse();
      assertThat(browser.present("#place-hold")).isFalse();
      assertThat(browser.present("#request-erasure")).isFalse();
    }
  }

  @Test
  void aUserOfOneTenantNeverSeesTheOthersEvents() throws Exception {
    try (Browser browser = signIn("carol")) {
      browser.type("#query", marker);
      browser.click("#search");
      browser.awaitCell("#results", "globex secret " + marker);
      assertThat(browser.cells("#results")).noneMatch(c -> c.contains("order placed"))
          .noneMatch(c -> c.contains("card declined"));
      assertThat(browser.waitFor("#signed-in-user").getText()).contains("globex");

      // A malformed query is explained, not a broken page.
      browser.type("#query", "level:(error");
      browser.click("#search");
      browser.until(() -> browser.present("vaadin-notification-card"));
      assertThat(browser.waitFor("vaadin-notification-card").getText())
          .contains("could not be parsed");
      assertThat(browser.waitFor("#query").getAttribute("invalid")).isNotNull();
    }
  }

  @Test
  void theOperatorListsAndCreatesTenants() throws Exception {
    String id = "ui-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = signIn("olivia")) {
      browser.open("/ui/tenants");
      // Newest first: the demo tenants are there from the first start, below the tests' own.
      browser.until(() -> !browser.cells("#tenants").isEmpty());
      browser.type("#tenant-id", id);
      browser.type("#tenant-name", "Made in the console");
      browser.click("#create-tenant");
      browser.awaitCell("#tenants", id);
      checkScreenshot(browser.screenshot("tenants"));
    }
    assertThat(given().auth().oauth2(TestTenants.OPERATOR_KEY).when().get("/api/v1/admin/tenants")
        .then().statusCode(200).extract().jsonPath().getList("id", String.class)).contains(id);
  }

  @Test
  void aBrowserAtTheRootIsSentToTheConsole() {
    given().redirects().follow(false).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .when().get("/").then().statusCode(302).header("Location",
            org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("strata.public-url", String.class) + "/ui/");
    // Elasticsearch clients at the same address still get the cluster information.
    given().auth().oauth2(acmeKey).header("Accept", "application/json").when().get("/")
        .then().statusCode(200).header("X-Elastic-Product", "Elasticsearch");
  }

  /** A screenshot of a rendered page: the window's size, and far from a single colour. */
  private static void checkScreenshot(Path file) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isGreaterThan(1000);
    assertThat(image.getHeight()).isGreaterThan(600);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in %s", file).isGreaterThan(20);
  }
}
