package io.strata.ingest.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.strata.ingest.IngestLimits;
import io.strata.testing.Captures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protobuf and JSON decoders and the mapping of log records to events. */
class OtlpDecodersTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private final IngestLimits limits = new IngestLimits();

  private OtlpEvents.Result protobuf(byte[] body) {
    OtlpEvents events = new OtlpEvents(limits, 1_700_000_000_000L);
    OtlpProtobufDecoder.decode(body, body.length, events);
    return events.finish();
  }

  private OtlpEvents.Result json(String body) {
    OtlpEvents events = new OtlpEvents(limits, 1_700_000_000_000L);
    byte[] bytes = body.getBytes(UTF_8);
    OtlpJsonDecoder.decode(bytes, bytes.length, events);
    return events.finish();
  }

  private static List<Map<String, Object>> events(OtlpEvents.Result result) {
    return IngestLimits.events(result.records());
  }

  @Test
  void capturedJavaSdkProtobufBecomesOneEventPerRecord() {
    OtlpEvents.Result result =
        protobuf(Captures.bytes("otel-java-http-protobuf/001-POST-v1_logs.body"));
    assertThat(result.rejected()).isZero();
    List<Map<String, Object>> events = events(result);
    assertThat(events).hasSize(5);
    // No time_unix_nano: the observed time is the event time.
    assertThat(events.get(0)).containsExactly(
        Map.entry("@timestamp", "2026-11-27T05:20:50.400938820Z"), Map.entry("level", "INFO"),
        Map.entry("severity_number", 9),
        Map.entry("message", "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder"
            + " 1 for block blk_38865049064139660 terminating"),
        Map.entry("otel.scope.name", "realdata.loghub"),
        Map.entry("log.file.name", "HDFS_2k.log"), Map.entry("service.name", "hdfs-datanode"),
        Map.entry("telemetry.sdk.language", "java"),
        Map.entry("telemetry.sdk.name", "opentelemetry"),
        Map.entry("telemetry.sdk.version", "1.68.0"));
  }

  @Test
  void capturedJsonOfTheJavaAndJsExportersIsRead() {
    List<Map<String, Object>> java = events(json(
        new String(Captures.bytes("otel-java-http-json/001-POST-v1_logs.body"), UTF_8)));
    assertThat(java).hasSize(5).allSatisfy(e -> assertThat(e)
        .containsEntry("service.name", "hdfs-datanode").containsEntry("level", "INFO"));
    assertThat(java.get(0)).containsEntry("@timestamp", "2026-11-27T05:21:07.800868028Z");

    List<Map<String, Object>> js = events(json(
        new String(Captures.bytes("otel-js-http-json/001-POST-v1_logs.body"), UTF_8)));
    assertThat(js).hasSize(5);
    assertThat(js.get(0)).containsEntry("@timestamp", "2026-11-27T05:27:24.994Z")
        .containsEntry("thread.id", 42).containsEntry("otel.scope.version", "1.0.0")
        .containsEntry("service.name", "zookeeper");
    assertThat(js).extracting(e -> e.get("level"))
        .containsExactly("INFO", "INFO", "WARN", "WARN", "WARN");
  }

  @Test
  void theSdksProtobufAndJsonOfTheSameRecordsGiveTheSameEvents() throws IOException {
    LogsRequestMarshaler request = LogsRequestMarshaler.create(sdkRecords());
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    request.writeBinaryTo(binary);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    request.writeJsonTo(json);

    List<Map<String, Object>> fromProtobuf = events(protobuf(binary.toByteArray()));
    assertThat(events(json(json.toString(UTF_8)))).isEqualTo(fromProtobuf);

    assertThat(fromProtobuf).hasSize(2);
    Map<String, Object> failed = fromProtobuf.get(0);
    assertThat(failed).containsEntry("@timestamp", "2026-11-27T09:00:00.123456789Z")
        .containsEntry("level", "error").containsEntry("severity_number", 17)
        .containsEntry("message", "payment failed").containsEntry("trace_id", TRACE_ID)
        .containsEntry("span_id", SPAN_ID).containsEntry("otel.scope.name", "io.strata.demo")
        .containsEntry("otel.scope.version", "1.2.3").containsEntry("user.id", "u-1")
        .containsEntry("http.status", 502).containsEntry("duration", 0.25)
        .containsEntry("retried", true).containsEntry("tags", List.of("card", "eu"))
        .containsEntry("service.name", "checkout").containsEntry("host.name", "web-1")
        .containsEntry("deployment.environment.name", "prod");

    Map<String, Object> placed = fromProtobuf.get(1);
    // A key/value-list body: its JSON text as the message, and its fields under body.
    assertThat(placed).containsEntry("level", "WARN").containsEntry("severity_number", 14)
        .containsEntry("event.name", "order.placed").doesNotContainKeys("trace_id", "span_id");
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) placed.get("body");
    assertThat(body).containsEntry("order", 42).containsEntry("items", List.of("a", 1.5))
        .containsEntry("raw", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    assertThat((String) placed.get("message")).startsWith("{").contains("\"order\":42")
        .contains("\"items\":[\"a\",1.5]");
    assertThat(Instant.parse((String) placed.get("@timestamp")))
        .isAfter(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void theNormaliserFindsLevelServiceHostEnvironmentAndIds() throws IOException {
    LogsRequestMarshaler request = LogsRequestMarshaler.create(sdkRecords());
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    request.writeBinaryTo(binary);
    OtlpEvents.Result result = protobuf(binary.toByteArray());

    Map<String, Object> normalised = Normalised.first(result.records());
    assertThat(normalised).containsEntry("level", "ERROR").containsEntry("level_original", "error")
        .containsEntry("service", "checkout").containsEntry("host", "web-1")
        .containsEntry("environment", "prod").containsEntry("trace_id", TRACE_ID)
        .containsEntry("span_id", SPAN_ID).containsEntry("message", "payment failed")
        .containsEntry("severity_number", 17.0).containsEntry("http.status", 502.0);
  }

  @Test
  void theSpecificationsJsonExamplesKeepEveryKindOfValue() {
    List<Map<String, Object>> logs = events(json(resource("logs.json")));
    assertThat(logs).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("@timestamp", "2018-12-13T14:51:00.300Z")
        .containsEntry("level", "Information").containsEntry("severity_number", 10)
        // Hex ids in any case become lowercase.
        .containsEntry("trace_id", "5b8efff798038103d269b633813fc60c")
        .containsEntry("span_id", "eee19b7ec3c1b174")
        .containsEntry("message", "Example log record")
        .containsEntry("otel.scope.name", "my.library").containsEntry("otel.scope.version", "1.0.0")
        .containsEntry("string.attribute", "some string").containsEntry("boolean.attribute", true)
        .containsEntry("int.attribute", 10).containsEntry("double.attribute", 637.704)
        .containsEntry("array.attribute", List.of("many", "values"))
        .containsEntry("map.attribute", Map.of("some.map.key", "some value"))
        .containsEntry("my.scope.attribute", "some scope attribute")
        .containsEntry("service.name", "my.service"));

    List<Map<String, Object>> events = events(json(resource("events.json")));
    assertThat(events).singleElement().satisfies(e -> assertThat(e)
        // A severity text that names no level: the number decides, the text is kept.
        .containsEntry("level", "INFO").containsEntry("severity_text", "test severity text")
        .containsEntry("event.name", "browser.page_view")
        .containsEntry("body", Map.of("type", 0,
            "url", "https://www.guidgenerator.com/online-guid-generator.aspx",
            "referrer", "https://wwww.google.com", "title", "Free Online GUID Generator"))
        .containsEntry("event.attribute", "some event attribute"));
    assertThat((String) events.get(0).get("message")).isEqualTo("{\"type\":0,\"url\":"
        + "\"https://www.guidgenerator.com/online-guid-generator.aspx\",\"referrer\":"
        + "\"https://wwww.google.com\",\"title\":\"Free Online GUID Generator\"}");
  }

  @Test
  void otherBodiesBecomeTextAndNothingIsWrittenTwice() {
    List<Map<String, Object>> events = events(json("""
        {"resourceLogs":[{"resource":{"attributes":[
            {"key":"host.name","value":{"stringValue":"from-resource"}},
            {"key":"message","value":{"stringValue":"resource message"}}]},
          "scopeLogs":[{"scope":{"name":"s","attributes":[
              {"key":"host.name","value":{"stringValue":"from-scope"}}]},
            "logRecords":[
              {"timeUnixNano":1700000000000000000,"body":{"intValue":"42"},"attributes":[
                {"key":"message","value":{"stringValue":"attribute message"}},
                {"key":"level","value":{"stringValue":"debug"}},
                {"key":"trace_id","value":{"stringValue":"kept"}},
                {"key":"empty","value":{}}]},
              {"body":{"bytesValue":"AQID"},"severityNumber":21},
              {"body":{"arrayValue":{"values":[{"stringValue":"a"},{"boolValue":false}]}},
               "severityText":"WARNING","severityNumber":13},
              {"body":{"doubleValue":"NaN"},"severityText":"loud"}]}]}]}
        """));
    assertThat(events.get(0)).containsExactly(Map.entry("@timestamp", "2023-11-14T22:13:20Z"),
        Map.entry("message", "42"), Map.entry("otel.scope.name", "s"),
        Map.entry("attributes.message", "attribute message"), Map.entry("level", "debug"),
        // No trace id from the record: the attribute keeps its name (and becomes the trace_id).
        Map.entry("trace_id", "kept"), Map.entry("host.name", "from-scope"),
        Map.entry("resource.host.name", "from-resource"),
        Map.entry("resource.message", "resource message"));
    assertThat(events.get(1)).containsEntry("message", "AQID").containsEntry("level", "FATAL")
        .doesNotContainKey("@timestamp");
    assertThat(events.get(2)).containsEntry("message", "[\"a\",false]")
        .containsEntry("level", "WARNING").doesNotContainKeys("body", "severity_text");
    // A text that names no level and no number: kept as the level as sent.
    assertThat(events.get(3)).containsEntry("message", "\"NaN\"").containsEntry("level", "loud")
        .doesNotContainKey("severity_number");
  }

  @Test
  void protoFieldNamesSeverityNamesAndNumbersAsStringsAreAccepted() {
    List<Map<String, Object>> events = events(json("""
        {"resource_logs":[{"scope_logs":[{"log_records":[
          {"time_unix_nano":"1700000000123000000","severity_number":"SEVERITY_NUMBER_ERROR3",
           "severity_text":"","body":{"string_value":"snake"},"trace_id":"%s",
           "span_id":"%s","event_name":"e","attributes":[
             {"key":"n","value":{"int_value":7}},{"key":"d","value":{"double_value":"2.5"}}]},
          {"observedTimeUnixNano":1700000000000000000,"severityNumber":"5","unknownField":{"x":[1]},
           "body":{"stringValue":"camel"}}]}]}]}
        """.formatted(TRACE_ID.toUpperCase(), SPAN_ID)));
    assertThat(events.get(0)).containsEntry("@timestamp", "2023-11-14T22:13:20.123Z")
        .containsEntry("level", "ERROR").containsEntry("severity_number", 19)
        .containsEntry("message", "snake").containsEntry("trace_id", TRACE_ID)
        .containsEntry("span_id", SPAN_ID).containsEntry("event.name", "e")
        .containsEntry("n", 7).containsEntry("d", 2.5);
    assertThat(events.get(1)).containsEntry("level", "DEBUG").containsEntry("message", "camel");
  }

  @Test
  void invalidOrEmptyIdsMeanNoTraceAsOtlpSays() {
    List<Map<String, Object>> events = events(json("""
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"traceId":"00000000000000000000000000000000","spanId":"0000000000000000","body":{"stringValue":"a"}},
          {"traceId":"","spanId":"","body":{"stringValue":"b"}},
          {"traceId":"abc","spanId":"zz00000000000000","body":{"stringValue":"c"}}]}]}]}
        """));
    assertThat(events).hasSize(3)
        .allSatisfy(e -> assertThat(e).doesNotContainKeys("trace_id", "span_id"));
  }

  @Test
  void aBadRecordIsRejectedWithItsPlaceAndItsNeighboursAreKept() {
    OtlpEvents.Result result = json("""
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"body":{"stringValue":"first"}},
          {"timeUnixNano":"soon","body":{"stringValue":"bad time"}},
          {"body":{"stringValue":"third"},"attributes":[{"key":"k","value":{"intValue":"x1"}}]},
          "not a record",
          {"body":{"stringValue":"fifth"}}]}]}]}
        """);
    assertThat(events(result)).extracting(e -> e.get("message"))
        .containsExactly("first", "fifth");
    assertThat(result.rejected()).isEqualTo(3);
    assertThat(result.reasons()).containsExactly(
        "resourceLogs[0].scopeLogs[0].logRecords[1]: timeUnixNano must be an unsigned 64-bit "
            + "integer, not 'soon'",
        "resourceLogs[0].scopeLogs[0].logRecords[2]: attributes[0] (k): intValue must be a 64-bit"
            + " integer, not 'x1'",
        "resourceLogs[0].scopeLogs[0].logRecords[3]: a log record must be an object, not "
            + "VALUE_STRING");
  }

  @Test
  void aBadResourceRejectsItsRecordsOnly() {
    OtlpEvents.Result result = json("""
        {"resourceLogs":[
          {"resource":{"attributes":[{"key":"a","value":"not an AnyValue"}]},
           "scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}},{"body":{"stringValue":"y"}}]}]},
          {"scopeLogs":[{"logRecords":[{"body":{"stringValue":"kept"}}]}]}]}
        """);
    assertThat(events(result)).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("message", "kept"));
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.reasons().get(0)).isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[0]: "
        + "resource: attributes[0] (a): value must be an AnyValue object such as "
        + "{\"stringValue\":\"...\"}");
  }

  @Test
  void recordsOverTheEventLimitsAreRejected() {
    limits.maxEventBytes = 300;
    limits.maxFields = 5;
    OtlpEvents.Result result = json("""
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"body":{"stringValue":"%s"}},
          {"body":{"stringValue":"ok"},"attributes":[{"key":"a","value":{"arrayValue":{"values":[
            {"intValue":1},{"intValue":2},{"intValue":3},{"intValue":4},{"intValue":5}]}}}]},
          {"body":{"stringValue":"ok"}}]}]}]}
        """.formatted("x".repeat(400)));
    assertThat(events(result)).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("message", "ok"));
    assertThat(result.reasons()).containsExactly(
        "resourceLogs[0].scopeLogs[0].logRecords[0]: event is 414 bytes; the limit is 300",
        "resourceLogs[0].scopeLogs[0].logRecords[1]: event has 6 fields; the limit is 5");
  }

  @Test
  void emptyRequestsAreFine() {
    assertThat(protobuf(new byte[0]).accepted()).isZero();
    assertThat(json("").accepted()).isZero();
    assertThat(json("{}").accepted()).isZero();
    assertThat(json("{\"resourceLogs\":[{\"scopeLogs\":[{}]}]}").rejected()).isZero();
  }

  @Test
  void bodiesThatAreNotRequestsAreRefusedWhole() {
    assertThatThrownBy(() -> protobuf("not protobuf at all".getBytes(UTF_8)))
        .isInstanceOf(OtlpDecodeException.class).hasMessageStartingWith("malformed protobuf");
    byte[] captured = Captures.bytes("otel-java-http-protobuf/001-POST-v1_logs.body");
    byte[] truncated = java.util.Arrays.copyOf(captured, captured.length - 10);
    assertThatThrownBy(() -> protobuf(truncated)).isInstanceOf(OtlpDecodeException.class)
        .satisfies(e -> assertThat(((OtlpDecodeException) e).field()).isEqualTo("resourceLogs[0]"));
    assertThatThrownBy(() -> json("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{}"))
        .isInstanceOf(OtlpDecodeException.class).hasMessageStartingWith("malformed JSON at line 1");
    assertThatThrownBy(() -> json("[{\"resourceLogs\":[]}]"))
        .isInstanceOf(OtlpDecodeException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> json("{\"resourceLogs\":{}}"))
        .isInstanceOf(OtlpDecodeException.class).hasMessage("must be an array");
    assertThatThrownBy(() -> json("{} {}")).isInstanceOf(OtlpDecodeException.class);
  }

  @Test
  void deeplyNestedValuesAreRefused() {
    String nested = "{\"stringValue\":\"leaf\"}";
    for (int i = 0; i < 70; i++) {
      nested = "{\"arrayValue\":{\"values\":[" + nested + "]}}";
    }
    OtlpEvents.Result result = json("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":"
        + nested + "}]}]}]}");
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.reasons().get(0)).contains("nested deeper than 64");
  }

  private static String resource(String name) {
    try (var in = OtlpDecodersTest.class.getResourceAsStream("/otlp-examples/" + name)) {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Two records through the OpenTelemetry Java SDK, as its OTLP exporters would send them. */
  static List<LogRecordData> sdkRecords() {
    List<LogRecordData> captured = new ArrayList<>();
    LogRecordExporter capture = new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        captured.addAll(logs);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .setResource(Resource.create(Attributes.builder().put("service.name", "checkout")
            .put("host.name", "web-1").put("deployment.environment.name", "prod").build()))
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture)).build()) {
      Logger logger = provider.loggerBuilder("io.strata.demo").setInstrumentationVersion("1.2.3")
          .build();
      SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
          TraceState.getDefault());
      logger.logRecordBuilder().setTimestamp(Instant.parse("2026-11-27T09:00:00.123456789Z"))
          .setSeverity(Severity.ERROR).setSeverityText("error").setBody("payment failed")
          .setAttribute(AttributeKey.stringKey("user.id"), "u-1")
          .setAttribute(AttributeKey.longKey("http.status"), 502L)
          .setAttribute(AttributeKey.doubleKey("duration"), 0.25)
          .setAttribute(AttributeKey.booleanKey("retried"), true)
          .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("card", "eu"))
          .setContext(Context.root().with(Span.wrap(span))).emit();
      Map<String, Value<?>> body = new LinkedHashMap<>();
      body.put("order", Value.of(42L));
      body.put("items", Value.of(Value.of("a"), Value.of(1.5)));
      body.put("raw", Value.of(new byte[] {1, 2, 3}));
      logger.logRecordBuilder().setSeverity(Severity.WARN2).setBody(Value.of(body))
          .setEventName("order.placed").emit();
    }
    return captured;
  }
}
