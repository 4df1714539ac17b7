package io.strata.ingest.loki;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingest.IngestLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiDecodersTest {

  private final IngestLimits limits = new IngestLimits();

  private LokiEvents.Result json(String body) {
    LokiEvents events = new LokiEvents(limits, 1_700_000_000_000L);
    byte[] bytes = body.getBytes(UTF_8);
    LokiJsonDecoder.decode(bytes, bytes.length, events);
    return events.finish();
  }

  private LokiEvents.Result protobuf(byte[] message) {
    LokiEvents events = new LokiEvents(limits, 1_700_000_000_000L);
    LokiProtobufDecoder.decode(message, events);
    return events.finish();
  }

  @Test
  void jsonEntriesBecomeEventsWithLabelsMetadataTimestampAndMessage() {
    LokiEvents.Result result = json("""
        {"streams":[{"stream":{"app":"spark","host":"vm","level":"ERROR"},
          "values":[["1795757475848054966","boom\\nsecond line\\n",{"level":"ERROR","thread":"main"}],
                    ["1795757475000000000","plain"]]}]}""");
    assertThat(result.rejected()).isZero();
    List<Map<String, Object>> events = IngestLimits.events(result.records());
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).containsExactly(
        Map.entry("@timestamp", "2026-11-27T05:31:15.848054966Z"), Map.entry("app", "spark"),
        Map.entry("host", "vm"), Map.entry("level", "ERROR"), Map.entry("thread", "main"),
        Map.entry("message", "boom\nsecond line\n"));
    assertThat(events.get(1)).containsEntry("@timestamp", "2026-11-27T05:31:15Z")
        .containsEntry("message", "plain");
  }

  @Test
  void valuesBeforeTheLabelsAndNumericTimestampsAreAccepted() {
    LokiEvents.Result result = json("""
        {"streams":[{"values":[[1700000000000000000,"late labels"]],"stream":{"job":"x"}}]}""");
    assertThat(IngestLimits.events(result.records())).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("job", "x")
            .containsEntry("@timestamp", "2023-11-14T22:13:20Z"));
  }

  @Test
  void clashingNamesAreNeitherDuplicatedNorLost() {
    LokiEvents.Result result = json("""
        {"streams":[{"stream":{"message":"label","level":"info"},
          "values":[["1","line",{"level":"warn","message":"meta","@timestamp":"x","k":"v"}]]}]}""");
    assertThat(IngestLimits.events(result.records()).get(0)).containsOnly(
        Map.entry("@timestamp", "1970-01-01T00:00:00.000000001Z"),
        Map.entry("message_extracted", "label"), Map.entry("level", "info"),
        Map.entry("level_extracted", "warn"), Map.entry("message_extracted_extracted", "meta"),
        Map.entry("@timestamp_extracted", "x"),
        Map.entry("k", "v"), Map.entry("message", "line"));
  }

  @Test
  void badEntriesAreRefusedAloneWithTheirReason() {
    LokiEvents.Result result = json("""
        {"streams":[{"stream":{"app":"a"},"values":[["yesterday","bad ts"],["2","good"],["3",42],[]]},
                    {"stream":{"app":7},"values":[["4","label not a string"]]},
                    {"stream":{"app":"b"},"values":[["5","also good"]]}]}""");
    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(4);
    assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("'yesterday'")
            .contains("nanoseconds").contains("{app=\"a\"}"))
        .anySatisfy(r -> assertThat(r).contains("log line must be a string"))
        .anySatisfy(r -> assertThat(r).contains("label app is not a string"));
    assertThat(IngestLimits.events(result.records())).extracting(e -> e.get("message"))
        .containsExactly("good", "also good");
  }

  @Test
  void brokenJsonKeepsWhatWasReadAndRefusesTheRest() {
    LokiEvents.Result result = json("{\"streams\":[{\"stream\":{\"app\":\"a\"},"
        + "\"values\":[[\"1\",\"kept\"]]},{\"stream\":{\"app\":\"b\"},\"values\":[[\"2\",");
    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.reasons()).singleElement().asString().contains("malformed JSON")
        .contains("rest of the body");
  }

  @Test
  void limitsApplyPerEntry() {
    limits.maxFields = 4;
    limits.maxEventBytes = 200;
    LokiEvents.Result result = json("""
        {"streams":[{"stream":{"a":"1","b":"2"},"values":[["1","fits"],["2","too many",{"c":"3"}],
          ["3","%s"]]}]}""".formatted("x".repeat(300)));
    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("5 fields"))
        .anySatisfy(r -> assertThat(r).contains("bytes; the limit is 200"));
  }

  @Test
  void protobufFromLoki4jDecodesToTheSameEventsAsItsJson() throws Exception {
    byte[] message = SnappyBlockTest.resource("loki4j-protobuf/001-POST-loki_api_v1_push.unsnappied.pb");
    LokiEvents.Result result = protobuf(message);
    assertThat(result.rejected()).isZero();
    List<Map<String, Object>> events = IngestLimits.events(result.records());
    assertThat(events).hasSize(6);
    assertThat(events.get(0)).containsEntry("app", "spark").containsEntry("host", "vm")
        .containsEntry("level", "ERROR").containsEntry("thread", "main")
        .containsEntry("logger", "org.apache.spark.executor.Executor")
        .containsEntry("job", "spark-2k")
        .containsEntry("@timestamp", "2026-11-27T05:22:18.995132177Z");
    assertThat((String) events.get(0).get("message")).startsWith("ERROR o.a.s.e.Executor Lost task");
  }

  @Test
  void protobufFromWinstonHasLabelsAndNoMetadata() throws Exception {
    byte[] message = SnappyBlockTest.resource(
        "winston-loki-protobuf/001-POST-loki_api_v1_push.unsnappied.pb");
    List<Map<String, Object>> events = IngestLimits.events(protobuf(message).records());
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e)
        .containsEntry("app", "openssh").containsEntry("job", "winston")
        .containsEntry("host", "LabSZ").containsKeys("level", "message", "@timestamp"));
  }

  @Test
  void truncatedProtobufKeepsTheStreamsBeforeTheDamage() throws Exception {
    byte[] message = SnappyBlockTest.resource("loki4j-protobuf/001-POST-loki_api_v1_push.unsnappied.pb");
    LokiEvents.Result result = protobuf(java.util.Arrays.copyOf(message, message.length - 20));
    assertThat(result.accepted()).isGreaterThan(0);
    assertThat(result.reasons()).singleElement().asString().contains("malformed protobuf");
  }

  @Test
  void labelSelectorsParseWithEscapes() {
    assertThat(LokiLabels.parse("{app=\"spark\", host=\"vm\",msg=\"a \\\"q\\\" \\\\ b\\nc\"}"))
        .containsExactly(Map.entry("app", "spark"), Map.entry("host", "vm"),
            Map.entry("msg", "a \"q\" \\ b\nc"));
    assertThat(LokiLabels.parse(" { } ")).isEmpty();
    assertThatThrownBy(() -> LokiLabels.parse("app=\"x\"")).hasMessageContaining("'{'");
    assertThatThrownBy(() -> LokiLabels.parse("{app=x}")).hasMessageContaining("quoted");
    assertThatThrownBy(() -> LokiLabels.parse("{app=\"x\"")).hasMessageContaining("'}'");
    assertThatThrownBy(() -> LokiLabels.parse("{1a=\"x\"}")).hasMessageContaining("label name");
  }
}
