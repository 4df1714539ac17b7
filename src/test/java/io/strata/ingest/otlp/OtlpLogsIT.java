package io.strata.ingest.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.http.HttpExporterBuilder;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.strata.ingest.ProtobufReader;
import io.strata.testing.Captures;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP logs over HTTP as the OpenTelemetry exporters use it, through to search. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class OtlpLogsIT {

  private static final Map<String, String> ALL_TIME = Map.of("from", "2000-01-01T00:00:00Z",
      "to", "2100-01-01T00:00:00Z");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String PROTOBUF = "application/x-protobuf";

  private String tenant;
  private String key;
  private String marker;

  @BeforeEach
  void tenant() {
    tenant = TestTenants.newTenant("otlp");
    key = TestTenants.newKey(tenant, "ingest", "search");
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Keeps what each export of the SDK's exporter came to. */
  private static final class Recorded implements LogRecordExporter {
    final LogRecordExporter exporter;
    final List<CompletableResultCode> results = new CopyOnWriteArrayList<>();

    Recorded(LogRecordExporter exporter) {
      this.exporter = exporter;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      CompletableResultCode result = exporter.export(logs);
      results.add(result);
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return exporter.shutdown();
    }
  }

  /** Logs three records through the SDK's OTLP/HTTP exporter, as an instrumented service would. */
  private void logWithTheSdk(boolean json, boolean gzip) throws Exception {
    OtlpHttpLogRecordExporterBuilder builder = OtlpHttpLogRecordExporter.builder()
        .setEndpoint("http://127.0.0.1:" + RestAssured.port + "/v1/logs")
        .addHeader("Authorization", "Bearer " + key)
        .setCompression(gzip ? "gzip" : "none");
    if (json) {
      // The JSON encoding is not public API of the Java exporter (its declarative configuration
      // turns it on, as for the captured JSON requests); reach it the same way.
      Field delegate = OtlpHttpLogRecordExporterBuilder.class.getDeclaredField("delegate");
      delegate.setAccessible(true);
      ((HttpExporterBuilder<?>) delegate.get(builder)).exportAsJson();
    }
    Recorded exporter = new Recorded(builder.build());
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .setResource(Resource.create(Attributes.builder().put("service.name", "checkout")
            .put("host.name", "web-1").put("deployment.environment.name", "test").build()))
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build()) {
      Logger logger = provider.loggerBuilder("io.strata.demo.Checkout").build();
      logger.logRecordBuilder().setSeverity(Severity.INFO).setSeverityText("INFO")
          .setBody("order placed " + marker).setAttribute(AttributeKey.longKey("order.items"), 3L)
          .emit();
      logger.logRecordBuilder().setSeverity(Severity.WARN)
          .setBody("payment slow " + marker).setAttribute(AttributeKey.doubleKey("duration"), 2.5)
          .emit();
      SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
          TraceState.getDefault());
      logger.logRecordBuilder().setSeverity(Severity.ERROR).setSeverityText("error")
          .setBody("payment failed " + marker).setAttribute(AttributeKey.stringKey("user.id"), "u-7")
          .setContext(Context.root().with(Span.wrap(span))).emit();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    assertThat(exporter.results).isNotEmpty()
        .allSatisfy(result -> assertThat(result.isSuccess()).isTrue());
  }

  private void assertSdkEvents() {
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 3);
    List<Map<String, Object>> events = found.getList("events");
    assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("service", "checkout")
        .containsEntry("host", "web-1").containsEntry("environment", "test")
        .containsEntry("otel.scope.name", "io.strata.demo.Checkout")
        .containsKeys("@timestamp", "ingested_at", "severity_number"));
    assertThat(events).extracting(e -> e.get("level"))
        .containsExactlyInAnyOrder("INFO", "WARN", "ERROR");
    Map<String, Object> failed = events.stream().filter(e -> "ERROR".equals(e.get("level")))
        .findFirst().orElseThrow();
    assertThat(failed).containsEntry("message", "payment failed " + marker)
        .containsEntry("level_original", "error").containsEntry("trace_id", TRACE_ID)
        .containsEntry("span_id", SPAN_ID).containsEntry("user.id", "u-7");
    assertThat(Events.search(key, Map.of("q", "trace_id:" + TRACE_ID + " AND " + marker))
        .getInt("total")).isEqualTo(1);
    assertThat(Events.search(key, Map.of("q", "order.items:3 AND " + marker)).getInt("total"))
        .isEqualTo(1);
  }

  @Test
  void javaSdkExporterEventsBecomeSearchableWithTheirResourceAndTrace() throws Exception {
    logWithTheSdk(false, false);
    assertSdkEvents();
  }

  @Test
  void javaSdkExporterGzippedJsonEventsBecomeSearchableAlike() throws Exception {
    // Gzipped, so sent chunked: uncompressed JSON from this SDK version (the BOM's 1.57) declares
    // the protobuf size as its Content-Length, which the client itself then refuses; 1.68's
    // uncompressed JSON is covered by its captured request.
    logWithTheSdk(true, true);
    assertSdkEvents();
  }

  @Test
  void capturedExporterRequestsGetTheAnswersTheirClientsExpect() {
    for (String request : List.of("otel-java-http-protobuf", "otel-java-http-protobuf-gzip",
        "otel-java-http-json", "otel-js-http-json")) {
      HttpResponse<String> response =
          Captures.replay(request + "/001-POST-v1_logs", "Bearer " + key);
      boolean json = request.endsWith("json");
      assertThat(response.statusCode()).as(request + ": " + response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith(json ? "application/json"
              : PROTOBUF));
      // Full success: an ExportLogsServiceResponse without partial_success.
      assertThat(response.body()).isEqualTo(json ? "{}" : "");
    }
    Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
    params.put("q", "service:\"hdfs-datanode\" AND log.file.name:\"HDFS_2k.log\"");
    assertThat(Events.awaitTotal(key, params, 15).getList("events", Map.class))
        .allSatisfy(e -> assertThat(e).containsEntry("level", "INFO")
            .containsEntry("telemetry.sdk.language", "java"));
    params.put("q", "service:zookeeper AND level:WARN AND thread.id:42");
    Events.awaitTotal(key, params, 3);
  }

  @Test
  void chunkedBodiesOnAKeptAliveConnectionAreRead() throws Exception {
    byte[] body = Captures.bytes("otel-js-http-json/001-POST-v1_logs.body");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 2; i++) {
      // No known length: the JDK client sends the body chunked, on the same connection twice.
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/logs"))
          .header("Content-Type", "application/json").header("X-API-Key", key)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
          .timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{}");
    }
    Map<String, String> params = new LinkedHashMap<>(ALL_TIME);
    params.put("q", "service:zookeeper");
    Events.awaitTotal(key, params, 10);
  }

  @Test
  void rejectedRecordsAreReportedAsPartialSuccessAndTheirNeighboursKept() throws Exception {
    String body = """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
          "scopeLogs":[{"logRecords":[
            {"body":{"stringValue":"first %1$s"},"severityNumber":9},
            {"timeUnixNano":"yesterday","body":{"stringValue":"broken %1$s"}},
            {"body":{"stringValue":"third %1$s"},"severityText":"warning"}]}]}]}
        """.formatted(marker);
    given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body)
        .when().post("/v1/logs")
        .then().statusCode(200).contentType(startsWith("application/json"))
        .body("partialSuccess.rejectedLogRecords", equalTo("1"))
        .body("partialSuccess.errorMessage", containsString("1 of 3 log records rejected"))
        .body("partialSuccess.errorMessage", containsString(
            "resourceLogs[0].scopeLogs[0].logRecords[1]: timeUnixNano must be an unsigned"));
    JsonPath found = Events.awaitTotal(key, Map.of("q", marker), 2);
    assertThat(found.getList("events.message", String.class))
        .containsExactlyInAnyOrder("first " + marker, "third " + marker);
    assertThat(found.getList("events.service", String.class)).containsOnly("shop");

    // In protobuf, an event over the size limit (64 KiB in tests) beside a good one.
    String big = "x".repeat(70_000);
    byte[] request = request(record("kept " + marker), record(big));
    byte[] answer = given().header("Authorization", "Bearer " + key).contentType(PROTOBUF)
        .body(request).when().post("/v1/logs")
        .then().statusCode(200).contentType(startsWith(PROTOBUF)).extract().asByteArray();
    ProtobufReader response = new ProtobufReader(answer, 0, answer.length);
    assertThat(response.tag()).isEqualTo(1 << 3 | 2);
    ProtobufReader partial = response.message();
    assertThat(partial.tag()).isEqualTo(1 << 3);
    assertThat(partial.varint()).isEqualTo(1);
    assertThat(partial.tag()).isEqualTo(2 << 3 | 2);
    assertThat(partial.string()).contains("logRecords[1]: event is").contains("the limit is 65536");
    Events.awaitTotal(key, Map.of("q", "kept AND " + marker), 1);
  }

  @Test
  void undecodableBodiesGetA400StatusInTheirOwnEncoding() throws Exception {
    byte[] answer = given().header("Authorization", "Bearer " + key).contentType(PROTOBUF)
        .body("not protobuf at all".getBytes(StandardCharsets.UTF_8)).when().post("/v1/logs")
        .then().statusCode(400).contentType(startsWith(PROTOBUF)).extract().asByteArray();
    ProtobufReader status = new ProtobufReader(answer, 0, answer.length);
    assertThat(status.tag()).isEqualTo(1 << 3);
    assertThat(status.varint()).isEqualTo(OtlpResponses.INVALID_ARGUMENT);
    assertThat(status.tag()).isEqualTo(2 << 3 | 2);
    assertThat(status.string()).contains("malformed protobuf").contains("Nothing of this request");
    assertThat(status.tag()).isEqualTo(3 << 3 | 2);
    ProtobufReader detail = status.message();
    detail.tag();
    assertThat(detail.string()).isEqualTo(OtlpResponses.BAD_REQUEST_TYPE);

    given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
        .body("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":")
        .when().post("/v1/logs")
        .then().statusCode(400).contentType(startsWith("application/json"))
        .body("code", equalTo(3)).body("message", containsString("malformed JSON"))
        .body("details[0].'@type'", equalTo(OtlpResponses.BAD_REQUEST_TYPE))
        .body("details[0].fieldViolations[0].field", equalTo("the request"));

    given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
        .header("Content-Encoding", "gzip").body("{}")
        .when().post("/v1/logs")
        .then().statusCode(400).contentType(startsWith("application/json"))
        .body("message", containsString("not valid gzip"));
    given().header("Authorization", "Bearer " + key).contentType("text/plain").body("hello")
        .when().post("/v1/logs").then().statusCode(415).contentType(startsWith(PROTOBUF));
    given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
        .header("Content-Encoding", "br").body("{}")
        .when().post("/v1/logs").then().statusCode(415).body("code", equalTo(3));
    // Over the request limit (2 MiB in tests), after decompression.
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(new byte[3 << 20]);
    }
    given().header("Authorization", "Bearer " + key).contentType(PROTOBUF)
        .header("Content-Encoding", "gzip").body(gzipped.toByteArray())
        .when().post("/v1/logs").then().statusCode(413).contentType(startsWith(PROTOBUF));
  }

  @Test
  void credentialsAndRateLimitsAnswerAsOtlpClientsExpect() {
    given().contentType(ContentType.JSON).body("{}").when().post("/v1/logs")
        .then().statusCode(401).contentType(startsWith("application/json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("code", equalTo(16)).body("message", containsString("API key"));
    given().header("Authorization", "Bearer strata_wrong").contentType(PROTOBUF)
        .body(new byte[0]).when().post("/v1/logs")
        .then().statusCode(401).contentType(startsWith(PROTOBUF));
    given().header("X-API-Key", key).contentType(PROTOBUF).body(new byte[0])
        .when().post("/v1/logs").then().statusCode(200);
    given().header("Authorization", Captures.basic(key)).contentType(ContentType.JSON).body("{}")
        .when().post("/v1/logs").then().statusCode(200).body(equalTo("{}"));
    given().header("Authorization", "Bearer " + TestTenants.newKey(tenant, "search"))
        .contentType(ContentType.JSON).body("{}")
        .when().post("/v1/logs").then().statusCode(403).body("code", equalTo(7));

    String limited = "otlpquota-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(TestTenants.OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("id", limited, "name", "Limited", "max_events_per_second", 10))
        .when().post("/api/v1/admin/tenants").then().statusCode(201);
    String limitedKey = TestTenants.newKey(limited, "ingest");
    byte[][] records = new byte[50][];
    for (int i = 0; i < records.length; i++) {
      records[i] = record("line " + i);
    }
    byte[] request = request(records);
    given().header("Authorization", "Bearer " + limitedKey).contentType(PROTOBUF).body(request)
        .when().post("/v1/logs").then().statusCode(200);
    Response throttled = given().header("Authorization", "Bearer " + limitedKey)
        .contentType(PROTOBUF).body(request).when().post("/v1/logs");
    throttled.then().statusCode(429).contentType(startsWith(PROTOBUF))
        .header("Retry-After", matchesPattern("[1-9]"));
    assertThat(new String(throttled.asByteArray(), StandardCharsets.UTF_8))
        .contains("events per second");
  }

  /** A protobuf LogRecord with a string body. */
  private static byte[] record(String body) {
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    return field(5, field(1, text));
  }

  /** A protobuf ExportLogsServiceRequest with one resource and scope holding these records. */
  private static byte[] request(byte[]... records) {
    ByteArrayOutputStream scopeLogs = new ByteArrayOutputStream();
    for (byte[] record : records) {
      scopeLogs.writeBytes(field(2, record));
    }
    return field(1, field(2, scopeLogs.toByteArray()));
  }

  /** A length-delimited protobuf field. */
  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, number << 3 | 2);
    varint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
