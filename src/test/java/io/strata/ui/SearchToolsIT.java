package io.strata.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Search view's tools in a real Chromium signed in through Keycloak: a field added from the
 * range's field list, a facet value excluded, the results exported as NDJSON (and audited as the
 * API's export), the search saved, refused under a taken name, opened again from the list and
 * deleted there; an auditor opens saved searches but cannot save or delete them. The query box
 * suggests field names and their values; chosen columns are saved with a search, which is renamed
 * from the list. acme is shared with other tests: everything here carries a unique marker and is
 * deleted at the end.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class SearchToolsIT {

  private static final String PASSWORD = "strata-demo";

  @TestHTTPResource("/")
  URL base;

  @Test
  @SuppressWarnings("unchecked")
  void savesOpensExcludesAndExportsASearch() throws Exception {
    String marker = "st" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String kept = "co-" + marker;
    String excluded = "pay-" + marker;
    String searchKey = TestTenants.newKey("acme", "ingest", "search");
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    Events.ingestNdjson(searchKey, String.join("\n",
        event(t, "INFO", kept, "order placed " + marker),
        event(t.plusSeconds(1), "WARN", kept, "retrying payment " + marker),
        event(t.plusSeconds(2), "ERROR", excluded, "card declined " + marker)) + "\n");
    Events.awaitTotal(searchKey, Map.of("q", marker), 3);
    String byApi = "api-" + marker;
    String mine = "mine-" + marker;
    String excludedQuery = "(" + marker + ") AND NOT service:\"" + excluded + "\"";
    given().auth().oauth2(searchKey).contentType(ContentType.JSON)
        .body(Map.of("name", byApi, "q", marker, "from", "now-1h"))
        .when().post("/api/v1/saved-searches").then().statusCode(201);
    try {
      // An auditor opens saved searches, but has neither "Save" nor "Delete".
      try (Browser browser = Browser.signIn(base.toString(), "bob", PASSWORD)) {
        browser.open("/ui/?from=now-1h&q=" + marker);
        browser.awaitCell("#results", "order placed " + marker);
        assertThat(browser.present("#saved-searches")).isTrue();
        assertThat(browser.present("#save-search")).isFalse();
        browser.click("#saved-searches");
        browser.waitFor(openButton(byApi));
        assertThat(browser.present(".delete-saved-search")).isFalse();
      }

      try (Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
        browser.resize(1280, 900);
        browser.open("/ui/?from=now-1h&q=" + marker);
        browser.awaitCell("#results", "card declined " + marker);
        for (String control : List.of("#saved-searches", "#save-search", "#export-ndjson")) {
          assertThat(browser.inViewport(control)).as("%s within the viewport", control).isTrue();
        }

        // The field list offers the fields of the range: "region" is added as a facet.
        browser.type("#facet-add-field", "region");
        browser.until(() -> ((List<String>) browser.js(DEEP_TEXTS, "vaadin-combo-box-item"))
            .contains("region"));
        browser.waitFor("#facet-add-field input").sendKeys(Keys.ENTER);
        browser.click("#facet-add");
        browser.waitFor("#facets vaadin-button.facet-value[data-field='region'][data-value='eu-"
            + marker + "']");

        // "−" on a value excludes it: the query says so and the results shrink.
        browser.click("#facets vaadin-button.facet-exclude[data-field='service'][data-value='"
            + excluded + "']");
        browser.until(() -> excludedQuery.equals(queryText(browser)));
        browser.until(() -> !browser.cells("#results").contains("card declined " + marker));
        browser.awaitCell("#results", "order placed " + marker);
        browser.screenshot("search-tools-excluded");

        // NDJSON export of the search on screen, as a download with tenant and range in its name.
        String href = browser.waitFor("#export-ndjson").getAttribute("href");
        String fetched = (String) browser.asyncJs("const done = arguments[arguments.length - 1];"
            + " fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' '"
            + " + r.headers.get('content-disposition') + '\\n' + t)))"
            + ".catch(e => done('failed: ' + e));", href);
        assertThat(fetched).startsWith("200 ")
            .containsPattern("filename=\"?strata-acme-\\d{8}T\\d{6}Z-\\d{8}T\\d{6}Z\\.ndjson")
            .contains("order placed " + marker, "retrying payment " + marker)
            .doesNotContain("card declined " + marker);
        assertThat(fetched.lines().skip(1).filter(l -> !l.isBlank())).hasSize(2);
        List<Map<String, Object>> exports = given()
            .auth().oauth2(TestTenants.newKey("acme", "audit"))
            .queryParam("action", "export").queryParam("actor", "alice").when()
            .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("events");
        assertThat(exports).anySatisfy(e -> assertThat((Map<String, Object>) e.get("params"))
            .containsEntry("q", excludedQuery).containsEntry("format", "ndjson"));

        // "Save" keeps the search; the API lists it.
        browser.click("#save-search");
        browser.type("#saved-search-name", mine);
        browser.click("#saved-search-confirm");
        browser.until(() -> !browser.present("#save-search-dialog"));
        assertThat(savedByName(searchKey, mine)).containsEntry("q", excludedQuery)
            .containsEntry("from", "now-1h").containsEntry("to", "now");
        // A taken name is refused on the field, the dialog left open.
        browser.click("#save-search");
        browser.type("#saved-search-name", mine);
        browser.click("#saved-search-confirm");
        browser.until(() -> String.valueOf(browser.waitFor("#saved-search-name")
            .getAttribute("errorMessage")).contains("already exists"));
        browser.screenshot("search-tools-name-taken");
        browser.click("#saved-search-cancel");
        browser.until(() -> !browser.present("#save-search-dialog"));

        // Elsewhere, the saved search opens again with its query and range.
        browser.open("/ui/?q=");
        browser.waitFor("#results");
        browser.click("#saved-searches");
        browser.click(openButton(mine));
        browser.awaitUrlContains("from=now-1h");
        browser.until(() -> excludedQuery.equals(queryText(browser)));
        browser.awaitCell("#results", "retrying payment " + marker);
        assertThat(browser.cells("#results")).doesNotContain("card declined " + marker);

        // Delete from the list.
        browser.click("#saved-searches");
        // Shown, not only present: the dialog opens with an animation.
        browser.until(() -> browser.inViewport(openButton(byApi)));
        browser.screenshot("search-tools-saved-list");
        browser.click(".delete-saved-search[data-name='" + byApi + "']");
        browser.until(() -> !browser.present(openButton(byApi)));
        assertThat(savedByName(searchKey, byApi)).isNull();
        browser.click("#saved-searches-close");
        browser.until(() -> !browser.present("#saved-searches-dialog"));
      }
    } finally {
      for (String name : List.of(byApi, mine)) {
        Map<String, Object> left = savedByName(searchKey, name);
        if (left != null) {
          given().auth().oauth2(searchKey).when().delete("/api/v1/saved-searches/" + left.get("id"))
              .then().statusCode(204);
        }
      }
    }
  }

  @Test
  void anEventsFieldTableFiltersForAndOutOfItsValues() throws Exception {
    String marker = "ft" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String key = TestTenants.newKey("acme", "ingest", "search");
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    Events.ingestNdjson(key, String.join("\n",
        event(t, "INFO", "co-" + marker, "order placed " + marker),
        event(t.plusSeconds(1), "WARN", "co-" + marker, "retrying payment " + marker),
        "{\"@timestamp\":\"" + t.plusSeconds(2) + "\",\"level\":\"ERROR\",\"service\":\"pay-"
            + marker + "\",\"user\":{\"email\":\"a@" + marker + ".example\"},"
            + "\"message\":\"card declined " + marker + "\"}") + "\n");
    Events.awaitTotal(key, Map.of("q", marker), 3);
    try (Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
      browser.open("/ui/?from=now-1h&q=" + marker);
      browser.awaitCell("#results", "card declined " + marker);
      openDetails(browser, "card declined " + marker);
      // Nested fields by the dotted name search uses; the id and time cannot be filtered on.
      assertThat(browser.waitFor(".event-field-value[data-field='user.email']").getText())
          .isEqualTo("a@" + marker + ".example");
      assertThat(browser.present("vaadin-button.filter-for[data-field='_id']")).isFalse();
      assertThat(browser.present("vaadin-button.copy-value[data-field='_id']")).isTrue();
      browser.screenshot("event-fields");

      // Filter for the nested value: only its event is left, and the query says so.
      browser.click("vaadin-button.filter-for[data-field='user.email']");
      browser.awaitUrlContains("user.email");
      browser.until(() -> !browser.cells("#results").contains("order placed " + marker));
      assertThat(browser.cells("#results")).contains("card declined " + marker);

      // Back to all three, then filter its service out.
      browser.open("/ui/?from=now-1h&q=" + marker);
      browser.awaitCell("#results", "card declined " + marker);
      openDetails(browser, "card declined " + marker);
      browser.click("vaadin-button.filter-out[data-field='service']");
      browser.awaitUrlContains("NOT");
      browser.until(() -> !browser.cells("#results").contains("card declined " + marker));
      assertThat(browser.cells("#results")).contains("order placed " + marker,
          "retrying payment " + marker);
    }
  }

  private static void openDetails(Browser browser, String message) {
    browser.driver.findElements(org.openqa.selenium.By.cssSelector(
            "#results vaadin-grid-cell-content"))
        .stream().filter(c -> c.getText().equals(message)).findFirst().orElseThrow().click();
    browser.waitFor(".event-fields");
  }

  @Test
  void theQueryBoxSuggestsFieldNamesAndTheirValues() throws Exception {
    String marker = "qs" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String key = TestTenants.newKey("acme", "ingest", "search");
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    Events.ingestNdjson(key, String.join("\n",
        event(t, "INFO", "co-" + marker, "order placed " + marker),
        event(t.plusSeconds(1), "WARN", "co-" + marker, "retrying payment " + marker),
        event(t.plusSeconds(2), "ERROR", "pay-" + marker, "card declined " + marker)) + "\n");
    Events.awaitTotal(key, Map.of("q", marker), 3);

    try (Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
      browser.resize(1280, 900);
      browser.open("/ui/?from=now-1h&q=" + marker);
      browser.awaitCell("#results", "order placed " + marker);
      String searched = browser.driver.getCurrentUrl();

      // "lev" offers the field "level"; a click completes the word to "level:" ...
      browser.type("#query", marker + " AND lev");
      browser.until(() -> suggestion(browser, "level") != null);
      browser.screenshot("search-suggest-fields");
      suggestion(browser, "level").click();
      browser.until(() -> (marker + " AND level:").equals(queryText(browser)));
      // ... and goes on to the values of level in the range, one of them this test's ERROR.
      browser.until(() -> suggestion(browser, "error") != null);
      browser.screenshot("search-suggest-values");
      WebElement error = suggestion(browser, "error");
      String errorLabel = error.getAttribute("data-label");
      error.click();
      browser.until(() -> (marker + " AND level:" + errorLabel).equals(queryText(browser)));
      // Completed, not searched: the search runs when asked.
      assertThat(browser.driver.getCurrentUrl()).isEqualTo(searched);
      browser.click("#search");
      browser.until(() -> !browser.cells("#results").contains("order placed " + marker));
      browser.awaitCell("#results", "card declined " + marker);
      assertThat(browser.cells("#results")).doesNotContain("retrying payment " + marker);

      // The keyboard: Escape closes the list and keeps the text; arrows pick, Enter chooses; Enter
      // with nothing picked searches.
      browser.type("#query", marker + " AND lev");
      browser.until(() -> suggestion(browser, "level") != null);
      WebElement input = browser.waitFor("#query input");
      input.sendKeys(Keys.ESCAPE);
      browser.until(() -> !browser.present("#query-suggestions .query-suggestion"));
      assertThat(queryText(browser)).isEqualTo(marker + " AND lev");
      input.sendKeys("e");
      browser.until(() -> suggestion(browser, "level") != null);
      for (int i = 0; i < 20 && !"level".equals(activeSuggestion(browser)); i++) {
        input.sendKeys(Keys.ARROW_DOWN);
      }
      assertThat(activeSuggestion(browser)).isEqualTo("level");
      input.sendKeys(Keys.ENTER);
      browser.until(() -> (marker + " AND level:").equals(queryText(browser)));
      browser.until(() -> suggestion(browser, "warn") != null);
      for (int i = 0; i < 20 && !"warn".equalsIgnoreCase(activeSuggestion(browser)); i++) {
        input.sendKeys(Keys.ARROW_DOWN);
      }
      input.sendKeys(Keys.ENTER);
      browser.until(() -> queryText(browser).equalsIgnoreCase(marker + " AND level:WARN"));
      input.sendKeys(Keys.ENTER);
      browser.until(() -> !browser.cells("#results").contains("card declined " + marker));
      browser.awaitCell("#results", "retrying payment " + marker);
      assertThat(browser.cells("#results")).doesNotContain("order placed " + marker);
    }
  }

  @Test
  void aSavedSearchKeepsItsColumnsAndIsRenamed() throws Exception {
    String marker = "sc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String key = TestTenants.newKey("acme", "ingest", "search");
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    Events.ingestNdjson(key, String.join("\n",
        event(t, "INFO", "co-" + marker, "order placed " + marker),
        event(t.plusSeconds(1), "ERROR", "pay-" + marker, "card declined " + marker)) + "\n");
    Events.awaitTotal(key, Map.of("q", marker), 2);
    String name = "cols-" + marker;
    String renamed = "renamed-" + marker;
    String region = "eu-" + marker;
    try (Browser browser = Browser.signIn(base.toString(), "alice", PASSWORD)) {
      browser.resize(1280, 900);
      browser.open("/ui/?from=now-1h&q=" + marker);
      browser.awaitCell("#results", "order placed " + marker);
      assertThat(browser.cells("#results")).doesNotContain(region);

      // "region" chosen from the range's fields becomes a column at once, and part of the URL.
      browser.click("#choose-columns");
      browser.type("#column-filter", "regi");
      browser.until(() -> browser.inViewport(".column-choice[data-field='region']"));
      browser.click(".column-choice[data-field='region'] label");
      browser.awaitCell("#results", region);
      browser.awaitUrlContains("col=region");
      browser.click("#column-chooser-close");
      browser.until(() -> !browser.present("#column-chooser"));
      browser.screenshot("search-tools-columns");

      // Saved with the search.
      browser.click("#save-search");
      browser.type("#saved-search-name", name);
      browser.click("#saved-search-confirm");
      browser.until(() -> !browser.present("#save-search-dialog"));
      assertThat(savedByName(key, name)).containsEntry("q", marker)
          .containsEntry("columns", List.of("region"));

      // The view loaded again shows the default columns; opening the saved search restores its own.
      browser.open("/ui/?from=now-1h&q=" + marker);
      browser.awaitCell("#results", "order placed " + marker);
      assertThat(browser.cells("#results")).doesNotContain(region, "region");
      browser.click("#saved-searches");
      browser.click(openButton(name));
      browser.awaitUrlContains("col=region");
      browser.awaitCell("#results", region);
      assertThat(browser.cells("#results")).contains("region");

      // Renamed from the list, which then names it so; the API agrees, and all else is kept.
      browser.click("#saved-searches");
      browser.until(() -> browser.inViewport(".rename-saved-search[data-name='" + name + "']"));
      browser.click(".rename-saved-search[data-name='" + name + "']");
      browser.waitFor("#rename-search-dialog");
      browser.type("#saved-search-name", renamed);
      browser.click("#saved-search-confirm");
      browser.until(() -> !browser.present("#rename-search-dialog"));
      browser.waitFor(openButton(renamed));
      assertThat(browser.present(openButton(name))).isFalse();
      browser.screenshot("search-tools-renamed");
      assertThat(savedByName(key, name)).isNull();
      assertThat(savedByName(key, renamed)).containsEntry("q", marker)
          .containsEntry("from", "now-1h").containsEntry("columns", List.of("region"));
      browser.click("#saved-searches-close");
      browser.until(() -> !browser.present("#saved-searches-dialog"));
      browser.click("#saved-searches");
      browser.waitFor(openButton(renamed));
      assertThat(browser.present(openButton(name))).isFalse();
    } finally {
      for (String left : List.of(name, renamed)) {
        Map<String, Object> saved = savedByName(key, left);
        if (saved != null) {
          given().auth().oauth2(key).when().delete("/api/v1/saved-searches/" + saved.get("id"))
              .then().statusCode(204);
        }
      }
    }
  }

  /** The shown query suggestion labelled {@code label} (letter case aside), or null. */
  private static WebElement suggestion(Browser browser, String label) {
    return (WebElement) browser.js("return Array.from(document.querySelectorAll("
        + "'#query-suggestions .query-suggestion')).find(e => e.getClientRects().length > 0"
        + " && e.dataset.label.toLowerCase() === arguments[0].toLowerCase()) || null", label);
  }

  private static String activeSuggestion(Browser browser) {
    return (String) browser.js("const e = document.querySelector("
        + "'#query-suggestions .query-suggestion[active]'); return e ? e.dataset.label : null");
  }

  /** Texts of every {@code arguments[0]} element, shadow roots included (overlays live there). */
  private static final String DEEP_TEXTS = "const found = [];"
      + " const walk = root => { root.querySelectorAll(arguments[0])"
      + ".forEach(e => found.push(e.textContent.trim()));"
      + " root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) walk(e.shadowRoot); }); };"
      + " walk(document); return found;";

  private static String openButton(String name) {
    return ".open-saved-search[data-name='" + name + "']";
  }

  private static String queryText(Browser browser) {
    return String.valueOf(browser.js("return document.querySelector('#query').value"));
  }

  private static Map<String, Object> savedByName(String key, String name) {
    List<Map<String, Object>> all = given().auth().oauth2(key).when()
        .get("/api/v1/saved-searches").then().statusCode(200).extract().jsonPath().getList("$");
    return all.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElse(null);
  }

  private static String event(Instant at, String level, String service, String message) {
    return "{\"@timestamp\":\"" + at + "\",\"level\":\"" + level + "\",\"service\":\"" + service
        + "\",\"host\":\"web-1\",\"region\":\"eu-" + message.substring(message.lastIndexOf(' ') + 1)
        + "\",\"message\":\"" + message + "\"}";
  }
}
