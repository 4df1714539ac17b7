package io.strata.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The audit reports against the real application: the access and changes reports carry every event
 * of their kind and nothing else, as CSV and as PDF; the retention report has the policies set and
 * the holds placed and released, the erasures report each erasure with what became of it; the
 * integrity report's signed checkpoint verifies with the published key; making a report is
 * recorded with the SHA-256 of the very bytes downloaded; unknown reports and bad parameters are
 * problems.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ReportsIT {

  private static Response report(String key, String kind, Map<String, ?> params) {
    return given().auth().oauth2(key).queryParams(params).when().get("/api/v1/reports/" + kind)
        .then().statusCode(200).extract().response();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  private static List<Map<String, Object>> trail(String key, String action) {
    return given().auth().oauth2(key).queryParam("action", action).queryParam("limit", 1000)
        .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("events");
  }

  /** The {@code report.<kind>} event that recorded the download of {@code bytes}. */
  private static Map<String, Object> recorded(String key, String kind, byte[] bytes)
      throws Exception {
    String sha256 = sha256(bytes);
    List<Map<String, Object>> made = trail(key, "report." + kind).stream()
        .filter(e -> sha256.equals(((Map<?, ?>) e.get("params")).get("sha256"))).toList();
    assertThat(made).as("report.%s with sha256 %s", kind, sha256).hasSize(1);
    return made.getFirst();
  }

  @Test
  void accessAndChangesCarryEveryEventOfTheirKindAndAreRecordedWithTheirHash() throws Exception {
    String tenant = TestTenants.newTenant("reports");
    String key = TestTenants.newKey(tenant, "search", "admin", "audit");
    String marker = "rp" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(key).queryParam("q", marker + i).queryParam("from", "now-1h")
          .when().get("/api/v1/search").then().statusCode(200);
    }
    String keyId = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body(Map.of("name", "reported", "scopes", List.of("ingest"))).when().post("/api/v1/keys")
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(key).when().delete("/api/v1/keys/" + keyId).then().statusCode(204);

    // Access, CSV: the three searches with their query and range, newest first, and nothing else.
    Response access = report(key, "access", Map.of("format", "csv"));
    byte[] accessCsv = access.asByteArray();
    assertThat(access.contentType()).startsWith("text/csv");
    assertThat(access.header("Content-Disposition")).contains("attachment").contains(tenant)
        .contains(".csv");
    assertThat(access.header("Repr-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(accessCsv)) + ":");
    List<String> rows = new String(accessCsv, StandardCharsets.UTF_8).lines().toList();
    assertThat(rows.getFirst()).startsWith("seq,time,tenant,actor_type,actor_id,actor_name")
        .contains(",query,range_from,range_to,");
    assertThat(rows).hasSize(1 + 3);
    for (int i = 0; i < 3; i++) {
      assertThat(rows.get(3 - i)).contains("," + tenant + ",api_key,")
          .contains(",search,," + marker + i + ",now-1h,").contains(",success,200,");
    }
    Map<String, Object> made = recorded(key, "access", accessCsv);
    assertThat(made).containsEntry("target", "access").containsEntry("outcome", "success")
        .containsEntry("actor_type", "api_key");
    assertThat((Map<String, Object>) made.get("params")).containsEntry("format", "csv")
        .containsEntry("bytes", Integer.toString(accessCsv.length)).containsKey("to")
        .doesNotContainKey("from");

    // Access, PDF: names the tenant and counts the searches.
    Response accessPdf = report(key, "access", Map.of("format", "pdf", "from", "now-1h"));
    assertThat(accessPdf.contentType()).isEqualTo("application/pdf");
    byte[] pdf = accessPdf.asByteArray();
    String text = text(pdf);
    assertThat(text).contains("Access report", "tenant " + tenant)
        .containsPattern("Events in the report\\s+3\\b").containsPattern("search\\s+3\\b")
        .contains(marker + "0", marker + "1", marker + "2");
    assertThat((Map<String, Object>) recorded(key, "access", pdf).get("params"))
        .containsEntry("format", "pdf").containsKey("from");

    // Changes: the key's creation and revocation, and no read.
    byte[] changesCsv = report(key, "changes", Map.of()).asByteArray();
    List<String> changes = new String(changesCsv, StandardCharsets.UTF_8).lines().toList();
    assertThat(changes).hasSize(1 + 2);
    assertThat(changes.get(1)).contains(",key.revoke," + keyId + ",");
    assertThat(changes.get(2)).contains(",key.create," + keyId + ",");
    recorded(key, "changes", changesCsv);
    byte[] changesPdf = report(key, "changes", Map.of("format", "pdf")).asByteArray();
    String changesText = text(changesPdf);
    assertThat(changesText).contains("Changes report", "tenant " + tenant)
        .containsPattern("key\\.create\\s+1\\b").containsPattern("key\\.revoke\\s+1\\b")
        .doesNotContain(marker);
    // A table cell wraps where its column ends.
    assertThat(changesText.replaceAll("\\s+", "")).contains(keyId);
    recorded(key, "changes", changesPdf);
  }

  @Test
  void theIntegrityReportVerifiesTheChainAndItsCheckpointVerifiesWithThePublishedKey()
      throws Exception {
    String tenant = TestTenants.newTenant("reports-integrity");
    String key = TestTenants.newKey(tenant, "search", "audit");
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(key).queryParam("q", "i" + i).when().get("/api/v1/search")
          .then().statusCode(200);
    }
    // The test profile signs checkpoints every 2 s.
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        given().auth().oauth2(key).when().get("/api/v1/audit/verify").then().statusCode(200)
            .extract().jsonPath().getLong("verified_checkpoints") > 0);

    byte[] csv = report(key, "integrity", Map.of("format", "csv")).asByteArray();
    List<String> rows = new String(csv, StandardCharsets.UTF_8).lines().toList();
    assertThat(rows.getFirst()).isEqualTo("item,ok,seq,hash,time,key_id,signature,detail");
    assertThat(rows.get(1)).startsWith("verification,true,");
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("head,,"))
        .anySatisfy(r -> assertThat(r).startsWith("checkpoint,true,"))
        .noneSatisfy(r -> assertThat(r).startsWith("problem,"));
    recorded(key, "integrity", csv);

    byte[] pdf = report(key, "integrity", Map.of("format", "pdf")).asByteArray();
    String text = text(pdf);
    assertThat(text).contains("Integrity report", "tenant " + tenant, "OK - the chain is intact",
        "verifies with the platform's key");
    recorded(key, "integrity", pdf);

    // The checkpoint printed on the last page verifies with the key the platform publishes.
    String checkpoint = text.substring(text.indexOf("Newest signed checkpoint"));
    Matcher fields = Pattern.compile("Event\\s+(\\d+)\\s+Hash\\s+([0-9a-f]{64})\\s+Signed at\\s+(\\S+)"
        + "\\s+Key id\\s+(\\S+)\\s+Signature\\s+([A-Za-z0-9+/=\\s]+?)\\s+Signature check")
        .matcher(checkpoint);
    assertThat(fields.find()).as("the checkpoint's fields in:\n%s", checkpoint).isTrue();
    String pem = given().auth().oauth2(key).when().get("/api/v1/audit/public-key").then()
        .statusCode(200).extract().path("public_key_pem");
    PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    Signature signature = Signature.getInstance("Ed25519");
    signature.initVerify(publicKey);
    signature.update(CheckpointSigner.message(tenant, Long.parseLong(fields.group(1)),
        fields.group(2), Instant.parse(fields.group(3))));
    assertThat(signature.verify(Base64.getDecoder().decode(fields.group(5).replaceAll("\\s", ""))))
        .isTrue();
  }

  @Test
  void retentionAndErasuresExistAndUnknownReportsOrBadParametersAreProblems() throws Exception {
    String tenant = TestTenants.newTenant("reports-misc");
    String key = TestTenants.newKey(tenant, "audit");
    // A new tenant: the platform default from the start, nothing deleted, held or erased.
    List<String> retention = report(key, "retention", Map.of()).asString().lines().toList();
    assertThat(retention).hasSize(2);
    assertThat(retention.getFirst()).startsWith("record_type,action,time,actor,target,");
    assertThat(retention.get(1)).startsWith("policy_at_start,")
        .endsWith("the platform default applied until a policy was set");
    assertThat(report(key, "erasures", Map.of()).asString())
        .startsWith("erasure_id,requested_at,").hasLineCount(1);
    assertThat(text(report(key, "retention", Map.of("format", "pdf")).asByteArray()))
        .contains("No policy was set, no index deleted");
    assertThat(text(report(key, "erasures", Map.of("format", "pdf")).asByteArray()))
        .contains("No erasure was requested or carried out in the period");

    given().auth().oauth2(key).when().get("/api/v1/reports/everything").then().statusCode(404)
        .contentType("application/problem+json");
    given().auth().oauth2(key).queryParam("format", "xlsx").when().get("/api/v1/reports/access")
        .then().statusCode(400).contentType("application/problem+json")
        .body("parameter", org.hamcrest.Matchers.equalTo("format"));
    given().auth().oauth2(key).queryParam("from", "last tuesday").when()
        .get("/api/v1/reports/access").then().statusCode(400)
        .body("parameter", org.hamcrest.Matchers.equalTo("from"));
    given().auth().oauth2(key).queryParam("to", "soon").when().get("/api/v1/reports/changes")
        .then().statusCode(400).body("parameter", org.hamcrest.Matchers.equalTo("to"));
    // A refused report is recorded as such.
    assertThat(trail(key, "report.access")).anySatisfy(e -> assertThat(e)
        .containsEntry("outcome", "error").containsEntry("status", 400));
    // Without the audit scope there is no report.
    String searchOnly = TestTenants.newKey(tenant, "search");
    given().auth().oauth2(searchOnly).when().get("/api/v1/reports/access").then().statusCode(403);
  }

  @Test
  void theRetentionAndErasuresReportsShowThePoliciesHoldsAndErasuresOfTheTrail()
      throws Exception {
    String tenant = TestTenants.newTenant("reports-ret");
    String key = TestTenants.newKey(tenant, "ingest", "search", "admin", "audit");
    // An erasure needs events to match, no more than half of its range's (test profile).
    String marker = "rr" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    StringBuilder events = new StringBuilder();
    for (int n = 0; n < 4; n++) {
      Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60 - n);
      events.append("{\"@timestamp\":\"").append(time)
          .append("\",\"message\":\"").append(marker).append(" event ").append(n)
          .append("\",\"service\":\"shop\",\"user\":{\"email\":\"")
          .append(n == 1 ? "a@b.example" : "other" + n + "@b.example").append("\"}}\n");
    }
    Events.ingestNdjson(key, events.toString());
    Events.awaitTotal(key, Map.of("q", marker, "from", "now-1h"), 4);

    given().auth().oauth2(key).contentType(ContentType.JSON)
        .body("{\"default_days\":30,\"streams\":[{\"name\":\"payments\","
            + "\"selector\":\"service:payments\",\"days\":90}]}")
        .when().put("/api/v1/retention").then().statusCode(200);
    String hold = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body("{\"name\":\"Case 1\",\"query\":\"service:payments\",\"reason\":\"r\"}")
        .when().post("/api/v1/holds").then().statusCode(201).extract().path("id");
    given().auth().oauth2(key).when().delete("/api/v1/holds/" + hold).then().statusCode(200);
    // Cancelled within its window (2 s in tests), before it can run.
    String erasure = given().auth().oauth2(key).contentType(ContentType.JSON)
        .body("{\"query\":\"user.email:\\\"a@b.example\\\"\",\"reason\":\"r\"}")
        .when().post("/api/v1/erasures").then().statusCode(202).extract().path("id");
    given().auth().oauth2(key).when().delete("/api/v1/erasures/" + erasure).then()
        .statusCode(200).body("state", org.hamcrest.Matchers.equalTo("cancelled"));

    // Retention, CSV: newest first, then the policy in force when the trail began.
    byte[] retentionCsv = report(key, "retention", Map.of("format", "csv")).asByteArray();
    List<String> rows = new String(retentionCsv, StandardCharsets.UTF_8).lines().toList();
    assertThat(rows).hasSize(1 + 4);
    assertThat(rows.get(1)).startsWith("hold_released,hold.release,").contains("," + hold + ",")
        .contains(",success,200,");
    assertThat(rows.get(2)).startsWith("hold_placed,hold.create,").contains("," + hold + ",")
        .contains(",Case 1,,service:payments,");
    assertThat(rows.get(3)).startsWith("policy_set,retention.update,")
        .contains("," + tenant + ",30,none,,")
        .contains("\"\"name\"\":\"\"payments\"\"", "\"\"selector\"\":\"\"service:payments\"\"",
            "\"\"days\"\":90");
    assertThat(rows.get(4)).startsWith("policy_at_start,,,,,")
        .contains("the platform default applied");
    recorded(key, "retention", retentionCsv);
    // From now on: the policy just set is the one in force at the start, read from before it.
    List<String> fromNow = report(key, "retention", Map.of("from", "now")).asString().lines()
        .toList();
    assertThat(fromNow).hasSize(2);
    assertThat(fromNow.get(1)).startsWith("policy_at_start,retention.update,")
        .contains("," + tenant + ",30,none,,")
        .endsWith(",set before the period and in force at its start");

    // Erasures, CSV: one row, the request and its cancellation joined.
    byte[] erasuresCsv = report(key, "erasures", Map.of("format", "csv")).asByteArray();
    List<String> erasures = new String(erasuresCsv, StandardCharsets.UTF_8).lines().toList();
    assertThat(erasures).hasSize(1 + 1);
    assertThat(erasures.get(0)).startsWith("erasure_id,requested_at,requested_by,query,");
    assertThat(erasures.get(1)).startsWith(erasure + ",")
        .contains(",\"user.email:\"\"a@b.example\"\"\",1970-01-01T00:00:00Z,")
        .contains(",r,cancelled,").doesNotContain(",completed,");
    recorded(key, "erasures", erasuresCsv);

    // The people's decisions are changes; nothing the platform did is.
    String changes = report(key, "changes", Map.of()).asString();
    assertThat(changes).contains(",retention.update,", ",hold.create,", ",hold.release,",
        ",erasure.request,", ",erasure.cancel,");

    // PDF: the summaries.
    Response retentionPdf = report(key, "retention", Map.of("format", "pdf"));
    assertThat(retentionPdf.contentType()).isEqualTo("application/pdf");
    String retentionText = text(retentionPdf.asByteArray());
    assertThat(retentionText).contains("Retention report", "tenant " + tenant)
        .containsPattern("Policies set\\s+1\\b").containsPattern("Legal holds placed\\s+1\\b")
        .containsPattern("Legal holds released\\s+1\\b");
    assertThat(retentionText.replaceAll("\\s+", "")).contains(
        "streampayments(service:payments)90days");
    Response erasuresPdf = report(key, "erasures", Map.of("format", "pdf"));
    assertThat(erasuresPdf.contentType()).isEqualTo("application/pdf");
    assertThat(text(erasuresPdf.asByteArray())).contains("Erasures report")
        .containsPattern("- cancelled\\s+1\\b");
  }

  @Test
  void theOperatorHasTheReportsOfThePlatformsTrail() {
    String tenant = TestTenants.newTenant("reports-op");
    String csv = report(TestTenants.OPERATOR_KEY, "changes", Map.of("from", "now-10m"))
        .asString();
    assertThat(csv.lines()).anySatisfy(row -> assertThat(row)
        .contains(",operator,").contains(",tenant.create," + tenant + ","));
    assertThat(trail(TestTenants.OPERATOR_KEY, "report.changes")).isNotEmpty();
  }
}
