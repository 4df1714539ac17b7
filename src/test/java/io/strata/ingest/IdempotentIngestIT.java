package io.strata.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that retries a native ingest request with the same {@code Idempotency-Key} stores its
 * events once and gets the first answer again; the key is per tenant and freed by a failure.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class IdempotentIngestIT {

  private static final String REPLAYED = IdempotentAnswer.REPLAYED_HEADER;

  @Inject
  Pool pool;

  @Inject
  IdempotencyKeys keys;

  private String tenant;
  private String apiKey;
  private String marker;
  private String idempotencyKey;

  @BeforeEach
  void tenant() {
    Events.useTextEncodingForNdjson();
    tenant = TestTenants.newTenant("idem");
    apiKey = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
    idempotencyKey = "retry-" + UUID.randomUUID();
  }

  @Test
  void aRetryGetsTheFirstAnswerAgainAndStoresNothingTwice() throws IOException {
    // One event over the test profile's 50 fields, so that the answer carries an error to replay.
    StringBuilder wide = new StringBuilder("{\"message\":\"wide " + marker + "\"");
    for (int i = 0; i < 60; i++) {
      wide.append(",\"f").append(i).append("\":").append(i);
    }
    String body = "{\"message\":\"one " + marker + "\"}\n" + wide + "}\n"
        + "plain two " + marker + "\n";

    Response first = ingest(apiKey, idempotencyKey, body);
    first.then().statusCode(200).header(REPLAYED, nullValue())
        .body("accepted", equalTo(2)).body("rejected", equalTo(1))
        .body("errors[0].line", equalTo(2));
    Response again = ingest(apiKey, idempotencyKey, body);
    again.then().statusCode(200).header(REPLAYED, "true")
        .contentType(containsString("application/json"));
    assertThat(again.asString()).isEqualTo(first.asString());
    // The same body compressed is the same request.
    given().auth().oauth2(apiKey).header(IdempotencyKey.HEADER, idempotencyKey)
        .contentType("application/x-ndjson").header("Content-Encoding", "gzip").body(gzip(body))
        .when().post("/api/v1/ingest")
        .then().statusCode(200).header(REPLAYED, "true");

    assertStoredOnce(marker, 2);
  }

  /**
   * Kafka may store a request it did not acknowledge in time (503), which frees the key: the retry
   * is then processed again, and its events, under the same document ids, replace the first copies.
   */
  @Test
  void aRetryOfARequestKafkaStoredAfterAllReplacesItsEvents() {
    String body = "{\"message\":\"one " + marker + "\"}\nplain two " + marker + "\n";
    ingest(apiKey, idempotencyKey, body).then().statusCode(200).body("accepted", equalTo(2));
    forgetKey(idempotencyKey); // as a 503 would have
    ingest(apiKey, idempotencyKey, body).then().statusCode(200).header(REPLAYED, nullValue())
        .body("accepted", equalTo(2));
    assertStoredOnce(marker, 2);
    assertThat(Events.search(apiKey, Map.of("q", marker)).getList("events.message"))
        .containsExactlyInAnyOrder("one " + marker, "plain two " + marker);

    // Another body under the freed key is another request: its events add to the first ones.
    forgetKey(idempotencyKey);
    ingest(apiKey, idempotencyKey, "{\"message\":\"three " + marker + "\"}\n").then()
        .statusCode(200).body("accepted", equalTo(1));
    assertStoredOnce(marker, 3);
  }

  @Test
  void theSameKeyForAnotherBodyIs422AndStoresNothing() {
    ingest(apiKey, idempotencyKey, "first " + marker + "\n").then().statusCode(200);
    ingest(apiKey, idempotencyKey, "second " + marker + "\n").then().statusCode(422)
        .contentType("application/problem+json")
        .body("type", endsWith("/idempotency-key-reused"))
        .body("detail", containsString("different request"));
    // Read as JSON rather than as lines is another request too.
    given().auth().oauth2(apiKey).header(IdempotencyKey.HEADER, idempotencyKey)
        .contentType("application/json").body("first " + marker + "\n")
        .when().post("/api/v1/ingest")
        .then().statusCode(422);

    assertStoredOnce(marker, 1);
    assertThat(Events.search(apiKey, Map.of("q", "second AND " + marker)).getInt("total")).isZero();
  }

  @Test
  void concurrentRetriesAreProcessedOnce() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      body.append("{\"message\":\"event ").append(i).append(' ').append(marker)
          .append("\",\"padding\":\"").append("x".repeat(200)).append("\"}\n");
    }
    int clients = 4;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        sent.add(pool.submit(() -> {
          start.await();
          return ingest(apiKey, idempotencyKey, body.toString());
        }));
      }
      start.countDown();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> answer : sent) {
        answers.add(answer.get());
      }
      List<Response> processed = answers.stream()
          .filter(a -> a.statusCode() == 200 && a.header(REPLAYED) == null).toList();
      assertThat(processed).as("answers processed rather than replayed").hasSize(1);
      assertThat(processed.get(0).jsonPath().getInt("accepted")).isEqualTo(2000);
      for (Response answer : answers) {
        if (answer.statusCode() == 409) {
          answer.then().contentType("application/problem+json")
              .header("Retry-After", matchesPattern("[1-9]"))
              .body("type", endsWith("/idempotency-key-in-flight"));
        } else {
          assertThat(answer.statusCode()).isEqualTo(200);
          assertThat(answer.asString()).isEqualTo(processed.get(0).asString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertStoredOnce(marker, 2000);
    ingest(apiKey, idempotencyKey, body.toString()).then().statusCode(200).header(REPLAYED, "true");
  }

  @Test
  void aClientThatHangsUpMidRequestGetsTheAnswerOnItsRetry() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      body.append("hung up ").append(i).append(' ').append(marker).append(' ')
          .append("y".repeat(200)).append('\n');
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + apiKey + "\r\n"
          + IdempotencyKey.HEADER + ": " + idempotencyKey + "\r\n"
          + "Content-Type: application/x-ndjson\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      Thread.sleep(20);
    }
    // The retry may come while the first is in flight (409), never after a lost claim (409 for
    // the whole lease).
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> ingest(apiKey, idempotencyKey, body.toString()).statusCode() == 200);
    assertStoredOnce(marker, 3000);
  }

    @Test
  void keysArePerTenant() {
    String body = "shared key " + marker + "\n";
    ingest(apiKey, idempotencyKey, body).then().statusCode(200);

    String otherTenant = TestTenants.newTenant("idem-other");
    String otherKey = TestTenants.newKey(otherTenant, "ingest", "search");
    ingest(otherKey, idempotencyKey, body).then().statusCode(200).header(REPLAYED, nullValue())
        .body("accepted", equalTo(1));
    ingest(otherKey, idempotencyKey, body).then().statusCode(200).header(REPLAYED, "true");

    assertStoredOnce(marker, 1);
    Events.awaitTotal(otherKey, Map.of("q", marker), 1);
  }

  @Test
  void aRequestWithoutTheHeaderLeavesNoTrace() {
    Events.ingestNdjson(apiKey, "no key " + marker + "\n");
    Events.ingestNdjson(apiKey, "no key " + marker + "\n");
    Events.awaitTotal(apiKey, Map.of("q", marker), 2);
    assertThat(rows(tenant)).isZero();
  }

  @Test
  void aMalformedKeyIs400NamingTheHeader() {
    ingest(apiKey, "k".repeat(256), "too long " + marker + "\n").then().statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/invalid-idempotency-key"))
        .body("detail", containsString("Idempotency-Key"));
    assertThat(rows(tenant)).isZero();
  }

  @Test
  void aFailedRequestLeavesTheKeyFree() {
    // Over the test profile's 2 MiB body limit.
    String tooLarge = ("big " + marker + " " + "x".repeat(1000) + "\n").repeat(2200);
    ingest(apiKey, idempotencyKey, tooLarge).then().statusCode(413);
    ingest(apiKey, idempotencyKey, "small " + marker + "\n").then().statusCode(200)
        .header(REPLAYED, nullValue()).body("accepted", equalTo(1));

    // A failure after the key was claimed (as Kafka's 503) frees it as well.
    IdempotencyKey key = new IdempotencyKey("after-claim-" + UUID.randomUUID());
    String hash = IdempotencyKey.requestHash(false, new byte[] {1}, 1);
    assertThatThrownBy(() -> keys.once(tenant, key, hash, () -> Uni.createFrom().failure(
        new ProblemException(503, "kafka-unavailable", "Service unavailable", "test")))
        .await().atMost(Duration.ofSeconds(10))).isInstanceOf(ProblemException.class);
    assertThat(rows(tenant)).isEqualTo(1);
    jakarta.ws.rs.core.Response answer = keys.once(tenant, key, hash,
        () -> Uni.createFrom().item(new IngestResult(1, 0, List.of())))
        .await().atMost(Duration.ofSeconds(10));
    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getHeaderString(REPLAYED)).isNull();
  }

  @Test
  void aDeadNodesClaimIsTakenOverAfterItsLeaseOnlyForTheSameRequest() {
    String body = "taken over " + marker + "\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String hash = IdempotencyKey.requestHash(false, bytes, bytes.length);
    insertClaim(tenant, idempotencyKey, hash, "now() - interval '30 seconds'");
    ingest(apiKey, idempotencyKey, body).then().statusCode(409).header("Retry-After", "2");

    String stale = "stale-" + UUID.randomUUID();
    insertClaim(tenant, stale, hash, "now() - interval '3 minutes'");
    ingest(apiKey, stale, "another body " + marker + "\n").then().statusCode(422);
    ingest(apiKey, stale, body).then().statusCode(200).header(REPLAYED, nullValue());
    ingest(apiKey, stale, body).then().statusCode(200).header(REPLAYED, "true");
    assertStoredOnce(marker, 1);
  }

  @Test
  void expiredKeysAreDeletedAndFreed() {
    String body = "expired " + marker + "\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String hash = IdempotencyKey.requestHash(false, bytes, bytes.length);
    pool.preparedQuery("INSERT INTO ingest_idempotency_keys (tenant, idempotency_key, request_hash,"
            + " claim, started_at, completed_at, status, answer) VALUES ($1, $2, $3, $4,"
            + " now() - interval '25 hours', now() - interval '25 hours', 200, '{}')")
        .execute(Tuple.of(tenant, idempotencyKey, hash, UUID.randomUUID()))
        .await().atMost(Duration.ofSeconds(10));
    // Past the window, the key is free even before the job ran.
    ingest(apiKey, idempotencyKey, body).then().statusCode(200).header(REPLAYED, nullValue())
        .body("accepted", equalTo(1));

    insertClaim(tenant, "old-" + UUID.randomUUID(), hash, "now() - interval '25 hours'");
    assertThat(rows(tenant)).isEqualTo(2);
    assertThat(keys.deleteExpired()).isGreaterThanOrEqualTo(1);
    assertThat(rows(tenant)).as("the fresh key stays").isEqualTo(1);
  }

  private static Response ingest(String apiKey, String idempotencyKey, String body) {
    return given().auth().oauth2(apiKey).header(IdempotencyKey.HEADER, idempotencyKey)
        .contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest");
  }

  /**
   * Exactly {@code count} events carry {@code marker}, also once a later request of the tenant is
   * searchable: a duplicate sent before it would be indexed before it (same partition).
   */
  private void assertStoredOnce(String marker, int count) {
    String later = "later" + UUID.randomUUID().toString().replace("-", "");
    Events.ingestNdjson(apiKey, later + "\n");
    Events.awaitTotal(apiKey, Map.of("q", later), 1);
    assertThat(Events.search(apiKey, Map.of("q", marker)).getInt("total")).isEqualTo(count);
  }

  private void forgetKey(String key) {
    pool.preparedQuery("DELETE FROM ingest_idempotency_keys WHERE tenant = $1"
            + " AND idempotency_key = $2").execute(Tuple.of(tenant, key))
        .await().atMost(Duration.ofSeconds(10));
  }

  private long rows(String tenant) {
    return pool.preparedQuery("SELECT count(*) FROM ingest_idempotency_keys WHERE tenant = $1")
        .execute(Tuple.of(tenant)).map(rows -> rows.iterator().next().getLong(0))
        .await().atMost(Duration.ofSeconds(10));
  }

  private void insertClaim(String tenant, String key, String hash, String startedAt) {
    pool.preparedQuery("INSERT INTO ingest_idempotency_keys (tenant, idempotency_key, request_hash,"
            + " claim, started_at) VALUES ($1, $2, $3, $4, " + startedAt + ")")
        .execute(Tuple.of(tenant, key, hash, UUID.randomUUID()))
        .await().atMost(Duration.ofSeconds(10));
  }

  private static byte[] gzip(String body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
