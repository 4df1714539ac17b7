package io.strata.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.LogFixtures;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class IngestIT {

  private String tenant;
  private String key;
  private String marker;

  @BeforeEach
  void tenant() {
    Events.useTextEncodingForNdjson();
    tenant = TestTenants.newTenant("ingest");
    key = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void everyLineIsAnEventAndOnlyAWholeJsonObjectIsAnEventObject() {
    String body = """
        {"message":"first %1$s","level":"info"}
        {"message":"broken %1$s",
        plain text line %1$s
        [notice] bracketed text %1$s
        {"message":"fourth %1$s","service":"checkout"}
        """.formatted(marker);
    JsonPath answer = Events.ingestNdjson(key, body);
    assertThat(answer.getInt("accepted")).isEqualTo(5);
    assertThat(answer.getInt("rejected")).isZero();

    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 5);
    assertThat(found.getList("events.message", String.class)).containsExactlyInAnyOrder(
        "first " + marker, "{\"message\":\"broken " + marker + "\",",
        "plain text line " + marker, "[notice] bracketed text " + marker, "fourth " + marker);
    JsonPath broken = Events.search(key, Map.of("q", marker + " AND tags:_jsonparsefailure"));
    assertThat(broken.getInt("total")).isEqualTo(1);
  }

  @Test
  void everyLineOfRealLogFilesIsAcceptedAsSent() throws IOException {
    // Sent as `curl --data-binary @file` sends them: no JSON type, bytes as they are (some of the
    // fluent-bit fixtures are not even UTF-8), in pieces under the test profile's 2 MiB body limit.
    List<Path> files = LogFixtures.files("loghub", "elastic-examples-apache_logs",
        "elastic-beats-fixtures", "fluent-bit-fixtures");
    assertThat(files).hasSizeGreaterThan(40);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      long expected = 0;
      long accepted = 0;
      int start = 0;
      while (start < bytes.length) {
        int end = Math.min(bytes.length, start + 1_000_000);
        while (end < bytes.length && bytes[end - 1] != '\n') {
          end++;
        }
        byte[] piece = java.util.Arrays.copyOfRange(bytes, start, end);
        expected += nonBlankLines(piece);
        JsonPath answer = given().auth().oauth2(key).contentType("application/octet-stream")
            .body(piece).when().post("/api/v1/ingest")
            .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getInt("rejected")).as(file + ": " + answer.prettify()).isZero();
        accepted += answer.getInt("accepted");
        start = end;
      }
      assertThat(accepted).as(file.toString()).isEqualTo(expected);
    }
  }

  private static long nonBlankLines(byte[] bytes) {
    long lines = 0;
    boolean blank = true;
    for (byte b : bytes) {
      if (b == '\n') {
        lines += blank ? 0 : 1;
        blank = true;
      } else if (b != ' ' && b != '\t' && b != '\r') {
        blank = false;
      }
    }
    return lines + (blank ? 0 : 1);
  }

  @Test
  void plainTextLinesCarryTheTimeTheyBeginWith() {
    ZonedDateTime hourAgo = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
    List<String> patterns = List.of("'['EEE MMM dd HH:mm:ss yyyy'] [error]'", "yyMMdd HHmmss",
        "yy/MM/dd HH:mm:ss 'INFO'", "yyyy-MM-dd HH:mm:ss', Info                  CBS'",
        "'['MM.dd HH:mm:ss'] chrome.exe -'", "MMM ppd HH:mm:ss 'combo sshd[19939]:'",
        "yyyyMMdd-HH:mm:ss:SSS'|Step_LSC|'");
    StringBuilder body = new StringBuilder();
    for (String pattern : patterns) {
      body.append(DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(hourAgo))
          .append(' ').append(marker).append('\n');
    }
    // A clock two days ahead: indexed at its ingest time, with the stamp kept.
    body.append(hourAgo.plusDays(2).toInstant()).append(" WARN skewed ").append(marker).append('\n');
    assertThat(Events.ingestNdjson(key, body.toString()).getInt("accepted"))
        .isEqualTo(patterns.size() + 1);

    JsonPath found = Events.awaitTotal(key, Map.of("q", marker, "from", "now-2h"),
        patterns.size() + 1);
    List<Map<String, Object>> events = found.getList("events");
    String expected = hourAgo.toInstant().toString().replace("Z", ".000Z");
    assertThat(events.subList(1, events.size())).extracting(event -> event.get("@timestamp"))
        .as(found.prettify()).containsOnly(expected);
    Map<String, Object> skewed = events.get(0);
    assertThat(skewed.get("message").toString()).contains("skewed");
    assertThat(Instant.parse(skewed.get("@timestamp").toString()))
        .isEqualTo(Instant.parse(skewed.get("ingested_at").toString()));
    assertThat(skewed).containsEntry("timestamp_original",
        hourAgo.plusDays(2).toInstant().toString().replace("Z", ".000Z"));
    assertThat(Events.search(key, Map.of("q", marker + " AND timestamp_original:"
        + hourAgo.plusDays(2).getYear() + "*", "from", "now-2h")).getInt("total")).isEqualTo(1);
  }

  @Test
  void criLinesAreUnwrappedAndAnObjectEndingALineGivesItsFields() {
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5).withNano(123_456_789);
    String cri = at.toInstant().toString();
    String log4j = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).format(at);
    String body = cri + " stderr F " + log4j + " ERROR [main] c.e.Pay - declined " + marker + "\n"
        + cri + " stdout P {\"msg\":\"long line " + marker + " \n"
        + cri + " stdout F part two\",\"order_id\":42}\n"
        + log4j + " INFO [main] c.e.Pay - paid " + marker + " {\"user\":{\"id\":\"u1\"},"
        + "\"order_id\":43}\n";
    assertThat(Events.ingestNdjson(key, body).getInt("accepted")).isEqualTo(3);

    Events.awaitTotal(key, Map.of("q", marker, "from", "now-1h"), 3);
    JsonPath stderr =
        Events.search(key, Map.of("q", marker + " AND stream:stderr", "from", "now-1h"));
    assertThat(stderr.getList("events.message", String.class)).containsExactly(
        log4j + " ERROR [main] c.e.Pay - declined " + marker);
    Map<String, Object> event = stderr.getMap("events[0]");
    // The runtime's stamp, to the nanosecond, not the millisecond stamp of the line inside.
    assertThat(event).containsEntry("level", "ERROR").containsEntry("@timestamp", cri)
        .containsEntry("stream", "stderr");
    JsonPath joined =
        Events.search(key, Map.of("q", marker + " AND order_id:42", "from", "now-1h"));
    assertThat(joined.getList("events.message", String.class))
        .containsExactly("long line " + marker + " part two");
    assertThat(joined.getString("events[0].stream")).isEqualTo("stdout");
    JsonPath embedded = Events.search(key,
        Map.of("q", marker + " AND order_id:43 AND user.id:u1", "from", "now-1h"));
    assertThat(embedded.getList("events.message", String.class)).containsExactly(log4j
        + " INFO [main] c.e.Pay - paid " + marker + " {\"user\":{\"id\":\"u1\"},\"order_id\":43}");
  }

  @Test
  void stackTraceLinesSentAsPlainTextMakeOneEventFoundByAnyFrame() {
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5)
        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).format(at);
    String firstTrace = """
        %1$s ERROR [exec-7] c.e.checkout.PaymentController - payment failed %2$s
        java.lang.IllegalStateException: card declined
        \tat com.example.Foo.bar(Foo.java:42)
        \tat com.example.checkout.PaymentController.pay(PaymentController.java:41)
        Caused by: java.net.SocketTimeoutException: Read timed out
        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
        \t... 2 more""".formatted(stamp, marker);
    String secondTrace = """
        %1$s WARN  [exec-2] c.e.checkout.Inventory - stock check failed %2$s
        java.util.NoSuchElementException: sku 8812
        \tat com.example.checkout.Inventory.reserve(Inventory.java:88)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)""".formatted(stamp, marker);
    String pythonTrace = """
        %1$s ERROR billing.worker: invoice failed %2$s
        Traceback (most recent call last):
          File "/srv/billing/worker.py", line 88, in run
            self.charge(invoice)
        ValueError: bad amount in invoice 4411""".formatted(stamp, marker);
    String body = String.join("\n", stamp + " INFO  [main] c.e.checkout.App - started " + marker,
        firstTrace, stamp + " INFO  [exec-3] c.e.checkout.App - order paid " + marker,
        secondTrace, pythonTrace, stamp + " INFO  [main] c.e.checkout.App - stopping " + marker)
        + "\n";

    JsonPath answer = Events.ingestNdjson(key, body);
    assertThat(answer.getInt("accepted")).as(answer.prettify()).isEqualTo(6);
    assertThat(answer.getInt("rejected")).isZero();

    Events.awaitTotal(key, Map.of("q", marker), 6);
    JsonPath frame = Events.search(key, Map.of("q", "\"com.example.Foo.bar\""));
    assertThat(frame.getInt("total")).as(frame.prettify()).isEqualTo(1);
    Map<String, Object> event = frame.getMap("events[0]");
    assertThat(event).containsEntry("message", firstTrace).containsEntry("level", "ERROR")
        .containsEntry("@timestamp",
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).format(at));
    assertThat(Events.search(key, Map.of("q", "\"java.net.SocketTimeoutException\""))
        .getInt("total")).isEqualTo(1);
    JsonPath python = Events.search(key, Map.of("q", "\"worker.py\" AND ValueError"));
    assertThat(python.getList("events.message", String.class)).containsExactly(pythonTrace);
  }

  @Test
  void accessLogAndLogfmtLinesSentAsPlainTextAreSearchableByTheirFields() {
    String stamp = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
        .format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5));
    String body = """
        10.0.0.7 - - [%1$s] "GET /cart?%2$s HTTP/1.1" 200 512 "-" "curl/8.5.0"
        10.0.0.8 - bob [%1$s] "POST /pay?%2$s HTTP/1.1" 503 87 "-" "curl/8.5.0"
        level=error msg="payment failed" app=payments order=%2$s duration_ms=312
        """.formatted(stamp, marker);
    assertThat(Events.ingestNdjson(key, body).getInt("accepted")).isEqualTo(3);

    Events.awaitTotal(key, Map.of("q", marker), 3);
    JsonPath errors = Events.search(key, Map.of("q", marker + " AND http.status:[500 TO 599]"));
    assertThat(errors.getList("events.\"http.method\"", String.class)).containsExactly("POST");
    assertThat(errors.getList("events.\"user.name\"", String.class)).containsExactly("bob");
    JsonPath logfmt = Events.search(key, Map.of("q", "order:" + marker
        + " AND app:payments AND service:payments AND level:ERROR AND duration_ms:>300"));
    assertThat(logfmt.getInt("total")).isEqualTo(1);
  }

  @Test
  void jsonArrayAndSingleObjectBodiesAreAccepted() {
    given().auth().oauth2(key).contentType("application/json")
        .body("[{\"message\":\"a " + marker + "\"}, {\"message\":\"b " + marker + "\"}, 42]")
        .when().post("/api/v1/ingest")
        .then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(1))
        .body("errors[0].index", equalTo(2));
    given().auth().oauth2(key).contentType("application/json")
        .body("{\n  \"message\": \"c " + marker + "\",\n  \"level\": \"WARN\"\n}")
        .when().post("/api/v1/ingest")
        .then().statusCode(200).body("accepted", equalTo(1));
    Events.awaitTotal(key, Map.of("q", marker), 3);
  }

  @Test
  void gzipBodiesAreDecompressed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < 50; i++) {
        gzip.write(("{\"message\":\"zipped " + marker + " " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    given().auth().oauth2(key).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
        .body(bytes.toByteArray())
        .when().post("/api/v1/ingest")
        .then().statusCode(200).body("accepted", equalTo(50));
    Events.awaitTotal(key, Map.of("q", marker), 50);
  }

  @Test
  void corruptGzipIsABadRequest() {
    given().auth().oauth2(key).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
        .body("definitely not gzip".getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest")
        .then().statusCode(400).contentType("application/problem+json");
    given().auth().oauth2(key).contentType("application/x-ndjson").header("Content-Encoding", "br")
        .body("x".getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/ingest")
        .then().statusCode(415).contentType("application/problem+json");
  }

  @Test
  void bodyOverTheLimitIs413() {
    // The test profile limits a request to 2 MiB.
    String line = "{\"message\":\"" + "x".repeat(1000) + "\"}\n";
    String body = line.repeat(2200);
    given().auth().oauth2(key).contentType("application/x-ndjson").body(body)
        .when().post("/api/v1/ingest")
        .then().statusCode(413).contentType("application/problem+json")
        .body("status", equalTo(413)).body("detail", containsString("exceeds"));
  }

  @Test
  void oversizedEventAndTooManyFieldsAreRejectedAlone() {
    StringBuilder wide = new StringBuilder("{\"message\":\"wide " + marker + "\"");
    for (int i = 0; i < 60; i++) {
      wide.append(",\"f").append(i).append("\":").append(i);
    }
    wide.append('}');
    String big = "{\"message\":\"big " + marker + " " + "y".repeat(70_000) + "\"}";
    String body = wide + "\n" + big + "\n{\"message\":\"small " + marker + "\"}\n";
    JsonPath answer = Events.ingestNdjson(key, body);
    assertThat(answer.getInt("accepted")).isEqualTo(1);
    assertThat(answer.getList("errors.reason", String.class))
        .anySatisfy(r -> assertThat(r).contains("fields"))
        .anySatisfy(r -> assertThat(r).contains("bytes"));
    Events.awaitTotal(key, Map.of("q", marker), 1);
  }

  @Test
  void credentialsAreChecked() {
    given().contentType("application/x-ndjson").body("{}\n").when().post("/api/v1/ingest")
        .then().statusCode(401).contentType("application/problem+json");
    given().header("X-API-Key", "strata_wrong").contentType("application/x-ndjson").body("{}\n")
        .when().post("/api/v1/ingest").then().statusCode(401);
    String searchOnly = TestTenants.newKey(tenant, "search");
    given().auth().oauth2(searchOnly).contentType("application/x-ndjson").body("{}\n")
        .when().post("/api/v1/ingest").then().statusCode(403).contentType("application/problem+json");
    given().header("X-API-Key", key).contentType("application/x-ndjson")
        .body("{\"message\":\"via header " + marker + "\"}\n")
        .when().post("/api/v1/ingest").then().statusCode(200).body("accepted", equalTo(1));
  }

  @Test
  void eventsAreNormalisedAndReturnedWithTheirFields() {
    String body = """
        {"ts":1700000000123,"lvl":"warning","msg":"normalised %1$s","app":"billing","hostname":"web-7","traceId":"4bf92f3577b34da6a3ce929d0e0e4736","x-request-id":"req-1","user":{"id":42,"name":"ann"},"tags":["a","b"]}
        """.formatted(marker);
    Events.ingestNdjson(key, body);
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker, "from", "2023-11-01T00:00:00Z"), 1);
    Map<String, Object> event = found.getMap("events[0]");
    assertThat(event).containsEntry("@timestamp", "2023-11-14T22:13:20.123Z")
        .containsEntry("level", "WARN").containsEntry("level_original", "warning")
        .containsEntry("message", "normalised " + marker).containsEntry("service", "billing")
        .containsEntry("host", "web-7").containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("request_id", "req-1").containsEntry("user.id", 42)
        .containsEntry("user.name", "ann").containsEntry("tags", List.of("a", "b"))
        .containsEntry("app", "billing").containsEntry("hostname", "web-7")
        .containsKeys("ingested_at", "_id");
    // Found by the names the fields were sent with as well as by the model's names.
    for (String q : List.of("app:billing", "service:billing", "lvl:warning", "hostname:web-7",
        "traceId:4bf92f3577b34da6a3ce929d0e0e4736")) {
      assertThat(Events.search(key, Map.of("q", marker + " AND " + q, "from",
          "2023-11-01T00:00:00Z")).getInt("total")).as(q).isEqualTo(1);
    }
  }

  @Test
  void fieldWithConflictingTypesNeverDropsAnEvent() {
    String body = """
        {"message":"typed %1$s","code":500}
        {"message":"typed %1$s","code":"E_TIMEOUT"}
        {"message":"typed %1$s","code":{"inner":1}}
        {"message":"typed %1$s","code":true}
        """.formatted(marker);
    assertThat(Events.ingestNdjson(key, body).getInt("accepted")).isEqualTo(4);
    Events.awaitTotal(key, Map.of("q", marker), 4);
    assertThat(Events.search(key, Map.of("q", marker + " AND code:[400 TO 599]")).getInt("total")).isEqualTo(1);
    assertThat(Events.search(key, Map.of("q", marker + " AND code:E_TIMEOUT")).getInt("total")).isEqualTo(1);
    assertThat(Events.search(key, Map.of("q", marker + " AND code.inner:1")).getInt("total")).isEqualTo(1);
  }

  @Test
  void emptyBodyAcceptsNothing() {
    given().auth().oauth2(key).contentType("application/x-ndjson").body("")
        .when().post("/api/v1/ingest")
        .then().statusCode(200).body("accepted", equalTo(0)).body("errors", hasSize(0));
  }
}
