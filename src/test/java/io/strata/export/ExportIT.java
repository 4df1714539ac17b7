package io.strata.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exports stream every matching event, across pages, in NDJSON and CSV, of the caller's tenant only. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ExportIT {

  private static final int EVENTS = 2500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String key;
  private static String otherKey;
  private static Instant base;

  @BeforeEach
  void ingestOnce() {
    if (key != null) {
      return;
    }
    key = TestTenants.newKey(TestTenants.newTenant("export"), "ingest", "search");
    otherKey = TestTenants.newKey(TestTenants.newTenant("export-other"), "ingest", "search");
    base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < EVENTS; i++) {
      // Several events share each millisecond: paging must neither skip nor repeat them.
      body.append("{\"@timestamp\":\"").append(base.plusMillis(i / 3 * 7)).append("\",")
          .append("\"level\":\"").append(i % 10 == 0 ? "ERROR" : "INFO").append("\",")
          .append("\"service\":\"svc-").append(i % 4).append("\",\"seq\":").append(i)
          .append(",\"message\":\"event ").append(i).append("\"}\n");
    }
    body.append("{\"@timestamp\":\"").append(base.minusSeconds(1)).append("\",\"level\":\"WARN\",")
        .append("\"message\":\"tricky, \\\"quoted\\\"\\nsecond line\",\"note\":\"=HYPERLINK(1)\",")
        .append("\"tags\":[\"a\",\"b\"]}\n");
    Events.ingestNdjson(key, body.toString());
    Events.ingestNdjson(otherKey, "{\"message\":\"other tenant event\"}\n");
    Events.awaitTotal(key, Map.of("from", base.minusSeconds(5).toString()), EVENTS + 1);
    Events.awaitTotal(otherKey, Map.of(), 1);
  }

  @Test
  void ndjsonHasEveryEventOnceNewestFirst() throws Exception {
    String body = given().auth().oauth2(key).queryParams(Map.of("from", base.minusSeconds(5)
            .toString(), "format", "ndjson"))
        .when().get("/api/v1/export")
        .then().statusCode(200).contentType("application/x-ndjson")
        .header("Content-Disposition", containsString("attachment; filename=\"strata-"))
        .extract().asString();
    String[] lines = body.split("\n");
    assertThat(lines).hasSize(EVENTS + 1);
    Set<Long> seqs = new HashSet<>();
    Set<String> ids = new HashSet<>();
    String previous = null;
    for (String line : lines) {
      Map<?, ?> event = JSON.readValue(line, Map.class);
      assertThat(event.get("message")).isNotEqualTo("other tenant event");
      if (event.get("seq") instanceof Number n) {
        seqs.add(n.longValue());
      }
      ids.add((String) event.get("_id"));
      String time = (String) event.get("@timestamp");
      if (previous != null) {
        assertThat(Instant.parse(time)).isBeforeOrEqualTo(Instant.parse(previous));
      }
      previous = time;
    }
    assertThat(seqs).hasSize(EVENTS);
    assertThat(ids).hasSize(EVENTS + 1);
  }

  @Test
  void csvHasAHeaderTheChosenColumnsAndSafeCells() {
    String body = given().auth().oauth2(key).queryParams(Map.of("q", "level:WARN OR seq:0",
            "from", base.minusSeconds(5).toString(), "format", "csv",
            "fields", "@timestamp,level,message,seq,note,tags,missing"))
        .when().get("/api/v1/export")
        .then().statusCode(200).contentType(containsString("text/csv"))
        .extract().asString();
    assertThat(body).startsWith("\"'@timestamp\",level,message,seq,note,tags,missing\r\n");
    assertThat(body).contains(",ERROR,event 0,0,,,\r\n");
    assertThat(body).contains(",WARN,\"tricky, \"\"quoted\"\"\nsecond line\",,\"'=HYPERLINK(1)\","
        + "\"[\"\"a\"\",\"\"b\"\"]\",\r\n");
    assertThat(body.split("\r\n")).hasSize(3);
  }

  /**
   * The probe's bypasses of the formula guard, through the real endpoint: a formula in the header
   * (from {@code fields}), after a {@code ;} or {@code ,} inside a cell, in fullwidth, and behind
   * leading whitespace. Read the way a spreadsheet in any locale might split it (on {@code ,}, on
   * {@code ;}, on tabs, ignoring the quotes), no piece may start a formula.
   */
  @Test
  void csvCellsAndHeaderAreGuardedAgainstEveryFormulaBypass() {
    String probeKey = TestTenants.newKey(TestTenants.newTenant("export-csvi"), "ingest", "search");
    Events.ingestNdjson(probeKey, "{\"message\":\"x;=1+1\",\"comma\":\"ok,=2+2\","
        + "\"wide\":\"\uff1dHYPERLINK(\\\"http://evil.example\\\")\",\"plus\":\"\uff0bcmd\","
        + "\"minus\":\"\uff0dcmd\",\"at\":\"\uff20SUM(A1)\",\"spaced\":\" =1+1\","
        + "\"tabbed\":\"\\t=1+1\",\"lf\":\"\\n@SUM(A1)\",\"negative\":\"-5\"}\n");
    Events.awaitTotal(probeKey, Map.of("from", "now-1h"), 1);
    String fields = "message,comma,wide,plus,minus,at,spaced,tabbed,lf,negative,"
        + "=HYPERLINK(\"http://evil.example\"),\uff20cmd;=1+1";
    String body = given().auth().oauth2(probeKey).queryParams(Map.of("from", "now-1h",
            "format", "csv", "fields", fields))
        .when().get("/api/v1/export")
        .then().statusCode(200).extract().asString();

    assertThat(body).isEqualTo("message,comma,wide,plus,minus,at,spaced,tabbed,lf,negative,"
        + "\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"'\uff20cmd;'=1+1\"\r\n"
        + "\"x;'=1+1\",\"ok,'=2+2\",\"'\uff1dHYPERLINK(\"\"http://evil.example\"\")\","
        + "\"'\uff0bcmd\",\"'\uff0dcmd\",\"'\uff20SUM(A1)\",\"' =1+1\",\"'\t'=1+1\","
        + "\"'\n'@SUM(A1)\",-5,,\r\n");
    for (String separator : new String[] {",", ";", "\t", "\r\n|\n"}) {
      for (String piece : body.split(separator)) {
        String start = piece.replaceAll("^[\\s\"\u00a0\u3000]+", "");
        assertThat(start).as("a piece split on %s", separator.replace("\t", "TAB"))
            .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@")
            .doesNotStartWith("\uff1d").doesNotStartWith("\uff0b").doesNotStartWith("\uff0d")
            .doesNotStartWith("\uff20");
        if (start.startsWith("-")) {
          assertThat(start).as("a piece split on %s", separator).matches("-\\d+\\s*");
        }
      }
    }
  }

  @Test
  void queryAndLimitNarrowTheExport() {
    String errors = given().auth().oauth2(key).queryParams(Map.of("q", "level:ERROR",
            "from", base.minusSeconds(5).toString()))
        .when().get("/api/v1/export").then().statusCode(200).extract().asString();
    assertThat(errors.split("\n")).hasSize(EVENTS / 10);

    String limited = given().auth().oauth2(key).queryParams(Map.of("limit", "1500",
            "from", base.minusSeconds(5).toString()))
        .when().get("/api/v1/export").then().statusCode(200).extract().asString();
    List<String> lines = new ArrayList<>(List.of(limited.split("\n")));
    assertThat(lines).hasSize(1500);
  }

  @Test
  void badParametersAreProblemsBeforeAnyByte() {
    given().auth().oauth2(key).queryParam("format", "xml").when().get("/api/v1/export")
        .then().statusCode(400).contentType("application/problem+json")
        .body("parameter", equalTo("format"));
    given().auth().oauth2(key).queryParam("limit", "0").when().get("/api/v1/export")
        .then().statusCode(400).body("parameter", equalTo("limit"));
    given().auth().oauth2(key).queryParam("from", "yesterday").when().get("/api/v1/export")
        .then().statusCode(400).body("parameter", equalTo("from"));
    given().auth().oauth2(key).queryParam("allow_partial", "yes").when().get("/api/v1/export")
        .then().statusCode(400).body("parameter", equalTo("allow_partial"));
    given().auth().oauth2(key).queryParam("q", "a:(").when().get("/api/v1/export")
        .then().statusCode(400).contentType("application/problem+json");
    given().when().get("/api/v1/export").then().statusCode(401);
    String ingestOnly = TestTenants.newKey(TestTenants.newTenant("export-noscope"), "ingest");
    given().auth().oauth2(ingestOnly).when().get("/api/v1/export").then().statusCode(403);
  }

  @Test
  void anotherTenantExportsOnlyItsOwn() {
    String body = given().auth().oauth2(otherKey).queryParams(Map.of("from", "now-7d"))
        .when().get("/api/v1/export").then().statusCode(200).extract().asString();
    assertThat(body.split("\n")).hasSize(1);
    assertThat(body).contains("other tenant event");
  }
}
