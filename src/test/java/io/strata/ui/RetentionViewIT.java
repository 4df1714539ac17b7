package io.strata.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import io.strata.ui.retention.RetentionView;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Retention view lists legal holds (and erasures) a page at a time, newest first, with a
 * button that appends the older ones, in a real Chromium signed in through Keycloak.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class RetentionViewIT {

  @TestHTTPResource("/")
  URL base;

  @Test
  void holdsArePagedNewestFirstAndOlderOnesAppendOnRequest() throws Exception {
    String admin = TestTenants.newKey("acme", "admin");
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int holds = RetentionView.PAGE + 5;
    try {
      for (int i = 0; i < holds; i++) {
        String name = "paged-" + run + "-" + i;
        names.add(name);
        // A hold on events no one sends: it keeps nothing and blocks no erasure of other tests.
        ids.add(given().auth().oauth2(admin).contentType("application/json")
            .body("{\"name\":\"" + name + "\",\"query\":\"service:nothing-" + run + "\","
                + "\"reason\":\"paging\"}")
            .when().post("/api/v1/holds").then().statusCode(201).extract().path("id"));
      }
      try (Browser browser = Browser.signIn(base.toString(), "alice", "strata-demo")) {
        browser.open("/ui/retention");
        browser.awaitCell("#holds", names.getLast());
        assertThat(browser.cells("#holds")).as("the oldest are on a later page")
            .doesNotContain(names.getFirst());
        browser.click("#older-holds");
        browser.awaitCell("#holds", names.getFirst());
        List<String> cells = browser.cells("#holds");
        assertThat(cells).containsAll(names);
        assertThat(cells.indexOf(names.getLast())).as("newest first")
            .isLessThan(cells.indexOf(names.getFirst()));
        assertThat(cells.stream().filter(names::contains).count()).as("each once")
            .isEqualTo(holds);
      }
    } finally {
      for (String id : ids) {
        given().auth().oauth2(admin).when().delete("/api/v1/holds/" + id).then().statusCode(200);
      }
    }
  }
}
