package io.strata.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.S3ProxyResource;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Sealed indexes land in a real S3-compatible bucket (s3proxy, its own process): every file of the
 * sealed commit, byte for byte, and a catalog row once all are there; while the bucket is down
 * nothing is recorded, and the upload lands once it is back.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
@WithTestResource(S3ProxyResource.class)
class IndexUploadIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  Pool pool;

  @Inject
  MeterRegistry metrics;

  /** One day's seal, as the audit trail has it. */
  private record Seal(String index, long generation, Map<String, String> sha256) {}

  /** Ingests {@code count} events {@code daysAgo} days back; returns that day's index name. */
  private static String ingestDay(String key, String marker, int daysAgo, int count) {
    String when = Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
        .toString();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("{\"@timestamp\":\"").append(when).append("\",\"message\":\"").append(marker)
          .append(" event ").append(i).append("\"}\n");
    }
    Events.ingestNdjson(key, body.toString());
    Events.awaitTotal(key, Map.of("q", marker, "from", "now-30d"), count);
    return LocalDate.ofInstant(Instant.parse(when), ZoneOffset.UTC) + "/default";
  }

  /** Waits for the seal of {@code index} and returns it. */
  private static Seal awaitSeal(String key, String index) throws Exception {
    JsonPath[] seals = new JsonPath[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      seals[0] = given().auth().oauth2(key).queryParam("action", "index.seal").when()
          .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
      return seals[0].getList("events.target").contains(index);
    });
    String find = "events.find { it.target == '" + index + "' }.params.";
    Map<String, String> files = JSON.readValue(seals[0].getString(find + "files"),
        new TypeReference<Map<String, String>>() {});
    return new Seal(index, Long.parseLong(seals[0].getString(find + "generation")), files);
  }

  /** The catalog row of that seal's commit, or null while there is none. */
  private Row catalogRow(String tenant, Seal seal) {
    RowSet<Row> rows = pool.preparedQuery("SELECT prefix, files, bytes FROM index_objects"
        + " WHERE tenant = $1 AND index_name = $2 AND generation = $3")
        .execute(Tuple.of(tenant, seal.index(), seal.generation())).await().indefinitely();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private Row awaitCatalogRow(String tenant, Seal seal) {
    Row[] row = new Row[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> (row[0] = catalogRow(tenant, seal)) != null);
    return row[0];
  }

  /**
   * Asserts that the bucket holds exactly the sealed files where the row says, bytewise: under
   * the row's prefix, or, for a file an earlier commit of the index put there already, under
   * that commit's.
   */
  private static void assertInBucket(Seal seal, Row row) throws Exception {
    String prefix = row.getString("prefix");
    assertThat(prefix).startsWith(ObjectKeys.ROOT).endsWith("/" + seal.generation() + "/");
    JsonObject catalog = (JsonObject) row.getValue("files");
    assertThat(catalog.fieldNames()).isEqualTo(seal.sha256().keySet());
    String index = prefix.substring(0, prefix.length() - (seal.generation() + "/").length());
    try (S3Client s3 = S3ProxyResource.server().client()) {
      Map<String, Long> listed = s3.listObjectsV2Paginator(b -> b.bucket(S3ProxyResource.BUCKET)
              .prefix(index)).contents().stream()
          .collect(Collectors.toMap(S3Object::key, S3Object::size));
      long total = 0;
      for (Map.Entry<String, String> file : seal.sha256().entrySet()) {
        String key = catalog.getJsonObject(file.getKey()).getString("key");
        assertThat(key).startsWith(index).endsWith("/" + file.getKey());
        assertThat(listed).containsKey(key);
        byte[] object = s3.getObjectAsBytes(b -> b.bucket(S3ProxyResource.BUCKET)
            .key(key)).asByteArray();
        String sha256 = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(object));
        assertThat(sha256).as(file.getKey() + " in the bucket").isEqualTo(file.getValue());
        assertThat(catalog.getJsonObject(file.getKey()).getString("sha256"))
            .isEqualTo(file.getValue());
        assertThat(catalog.getJsonObject(file.getKey()).getLong("bytes"))
            .isEqualTo((long) object.length).isEqualTo(listed.get(key));
        total += object.length;
      }
      assertThat(row.getLong("bytes")).isEqualTo(total);
    }
  }

  private double failedUploads() {
    var counter = metrics.find("strata.storage.uploads").tag("outcome", "failed").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aSealedDayLandsInTheBucketAndAnUploadTheBucketMissedLandsOnceItIsBack()
      throws Exception {
    String tenant = TestTenants.newTenant("s3");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit");
    String marker = "s3" + UUID.randomUUID().toString().replace("-", "");

    String first = ingestDay(key, marker, 3, 40);
    Seal firstSeal = awaitSeal(key, first);
    Row firstRow = awaitCatalogRow(tenant, firstSeal);
    assertInBucket(firstSeal, firstRow);

    // The bucket goes down; another day is sealed meanwhile.
    S3ProxyResource.server().stop();
    boolean back = false;
    try {
      double failedBefore = failedUploads();
      String second = ingestDay(key, marker + "b", 4, 25);
      Seal secondSeal = awaitSeal(key, second);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> failedUploads() > failedBefore);
      // Tried and failed more than once, and still nothing recorded as uploaded.
      double failedOnce = failedUploads();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> failedUploads() > failedOnce);
      assertThat(catalogRow(tenant, secondSeal)).isNull();

      S3ProxyResource.server().start();
      back = true;
      Row secondRow = awaitCatalogRow(tenant, secondSeal);
      assertInBucket(secondSeal, secondRow);
    } finally {
      if (!back) {
        S3ProxyResource.server().start(); // the bucket back for whatever runs next
      }
    }
    // What landed before the outage is still there after the server's restart.
    assertInBucket(firstSeal, firstRow);
  }

  /** The keys under {@code prefix} in the bucket. */
  private static List<String> keysUnder(String prefix) {
    try (S3Client s3 = S3ProxyResource.server().client()) {
      return s3.listObjectsV2Paginator(b -> b.bucket(S3ProxyResource.BUCKET).prefix(prefix))
          .contents().stream().map(S3Object::key).toList();
    }
  }

  private long catalogRows(String tenant, String index) {
    return pool.preparedQuery("SELECT count(*) FROM index_objects WHERE tenant = $1"
        + " AND index_name = $2").execute(Tuple.of(tenant, index)).await().indefinitely()
        .iterator().next().getLong(0);
  }

  @Test
  void aDaySealedAgainReplacesItsOlderCopyAndRetentionTakesTheDayOutOfTheBucket()
      throws Exception {
    String tenant = TestTenants.newTenant("s3gc");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit", "admin");
    String marker = "gc" + UUID.randomUUID().toString().replace("-", "");

    String day = ingestDay(key, marker, 5, 30);
    Seal first = awaitSeal(key, day);
    Row firstRow = awaitCatalogRow(tenant, first);
    String firstPrefix = firstRow.getString("prefix");
    assertThat(keysUnder(firstPrefix)).isNotEmpty();

    // Late events of that day: it is sealed again, and its older copy (which an erasure, too,
    // would leave behind with what it took out) leaves the bucket once the newer one is there.
    String late = marker + "late";
    Events.ingestNdjson(key, "{\"@timestamp\":\"" + Instant.now().minus(5, ChronoUnit.DAYS)
        .truncatedTo(ChronoUnit.SECONDS) + "\",\"message\":\"" + late + "\"}\n");
    Events.awaitTotal(key, Map.of("q", late, "from", "now-30d"), 1);
    Seal[] second = new Seal[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> (second[0] = awaitSeal(key, day)).generation() > first.generation());
    Row secondRow = awaitCatalogRow(tenant, second[0]);
    assertInBucket(second[0], secondRow);
    // Gone: every object of the older copy but those the newer one shares with it.
    Set<String> shared = new HashSet<>(IndexUploader.keysOf(secondRow.getString("prefix"),
        (JsonObject) secondRow.getValue("files")));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> shared.containsAll(keysUnder(firstPrefix))
            && catalogRow(tenant, first) == null);
    assertThat(catalogRows(tenant, day)).isEqualTo(1);

    // Retention: a one-day policy makes the day expire; the index and its bucket copy go.
    given().auth().oauth2(key).contentType("application/json").body("{\"default_days\":1}")
        .when().put("/api/v1/retention").then().statusCode(200);
    String dayPrefix = secondRow.getString("prefix").substring(0,
        secondRow.getString("prefix").length() - (second[0].generation() + "/").length());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> catalogRows(tenant, day) == 0);
    assertThat(keysUnder(dayPrefix)).isEmpty();
    given().auth().oauth2(key).queryParam("action", "retention.delete").when()
        .get("/api/v1/audit").then().statusCode(200)
        .body("events.target", org.hamcrest.Matchers.hasItem(day));
  }
}
