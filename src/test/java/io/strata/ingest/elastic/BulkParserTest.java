package io.strata.ingest.elastic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import io.strata.ingest.IngestLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkParserTest {

  private final IngestLimits limits = new IngestLimits();

  private BulkParser.Result parse(String pathIndex, String body) {
    byte[] bytes = body.getBytes(UTF_8);
    return new BulkParser(limits, 1_700_000_000_000L, pathIndex).parse(bytes, bytes.length);
  }

  private static String capture(String path) throws IOException {
    try (InputStream in = BulkParserTest.class.getResourceAsStream("/captures/" + path)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void documentsKeepTheirFieldsAndGainTheIndexAsStream() {
    BulkParser.Result result = parse(null, """
        {"index":{"_index":"web-logs","_id":"a1"}}
        {"message":"hello","http":{"status":502}}
        {"create":{"_index":"logs-apache-default"}}
        {}
        """);
    assertThat(result.items()).extracting(BulkParser.Item::action, BulkParser.Item::index,
            BulkParser.Item::id, BulkParser.Item::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("index", "web-logs", "a1", 201),
            org.assertj.core.groups.Tuple.tuple("create", "logs-apache-default", null, 201));
    List<Map<String, Object>> events = IngestLimits.events(result.records());
    assertThat(events.get(0)).containsExactly(Map.entry("stream", "web-logs"),
        Map.entry("message", "hello"), Map.entry("http", Map.of("status", 502)));
    assertThat(events.get(1)).containsExactly(Map.entry("stream", "logs-apache-default"));
  }

  @Test
  void theDocumentsOwnStreamAndThePathIndexAreRespected() {
    BulkParser.Result result = parse("from-path", """
        {"index":{}}
        {"message":"a","stream":"own"}
        {"index":{"_index":"explicit"}}
        {"message":"b"}
        """);
    assertThat(IngestLimits.events(result.records())).extracting(e -> e.get("stream"))
        .containsExactly("own", "explicit");
    assertThat(result.items()).extracting(BulkParser.Item::index)
        .containsExactly("from-path", "explicit");
  }

  @Test
  void rsyslogBlankLinesAndLegacyTypesAreAccepted() throws IOException {
    BulkParser.Result result = parse(null, capture("rsyslog-omelasticsearch/001-POST-_bulk.body"));
    assertThat(result.rejected()).isZero();
    assertThat(result.accepted()).isEqualTo(result.items().size()).isGreaterThan(10);
    assertThat(IngestLimits.events(result.records())).allSatisfy(e -> assertThat(e)
        .containsEntry("stream", "rsyslog-test").containsEntry("tag", "sshd-sample")
        .containsKey("message"));
  }

  @Test
  void capturedClientBodiesParseCompletely() throws IOException {
    for (String body : List.of("es-java-9.5.6-esheader-on/001-POST-_bulk.body",
        "es-node-9.5.1-esheader-on/001-POST-_bulk.body",
        "es-node-9.5.1-esheader-on/002-POST-_bulk.body",
        "syslog-ng-elasticsearch-http/001-POST-_bulk.body")) {
      BulkParser.Result result = parse(null, capture(body));
      assertThat(result.rejected()).as(body).isZero();
      assertThat(result.accepted()).as(body).isEqualTo(result.items().size()).isPositive();
    }
  }

  @Test
  void badDocumentsAreRefusedAloneInOrder() {
    limits.maxFields = 3;
    limits.maxEventBytes = 100;
    BulkParser.Result result = parse(null, """
        {"index":{"_index":"i"}}
        {"message":"broken",
        {"index":{"_index":"i"}}
        {"message":"ok"}
        {"delete":{"_index":"i","_id":"1"}}
        {"update":{"_index":"i","_id":"1"}}
        {"doc":{"a":1}}
        {"create":{"_index":"i"}}
        "just a string"
        {"index":{"_index":"i"}}
        {"a":1,"b":2,"c":3}
        {"index":{"_index":"i"}}
        {"message":"%s"}
        {"index":{}}
        {"message":"no index"}
        {"index":{"_index":"i"}}
        {"message":"also ok"} trailing
        """.formatted("x".repeat(100)));
    assertThat(result.items()).extracting(BulkParser.Item::action).containsExactly("index",
        "index", "delete", "update", "create", "index", "index", "index", "index");
    assertThat(result.items()).extracting(BulkParser.Item::status)
        .containsExactly(400, 201, 400, 400, 400, 400, 400, 400, 400);
    assertThat(result.items()).extracting(BulkParser.Item::errorType).containsExactly(
        "document_parsing_exception", null, "illegal_argument_exception",
        "illegal_argument_exception", "document_parsing_exception", "illegal_argument_exception",
        "illegal_argument_exception", "action_request_validation_exception",
        "document_parsing_exception");
    assertThat(result.items().get(5).reason()).contains("4 fields");
    assertThat(result.items().get(6).reason()).contains("bytes");
    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(8);
  }

  @Test
  void aMalformedActionLineRefusesTheWholeRequest() {
    assertThatThrownBy(() -> parse(null, "{\"index\":{}}\n{}\n{\"upsert\":{}}\n{}\n"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("line [3]").hasMessageContaining("found [upsert]");
    assertThatThrownBy(() -> parse(null, "not json\n"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("line [1]");
    assertThatThrownBy(() -> parse(null, "{\"index\":{\"_index\":\"i\"}}\n"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("no document line");
    assertThatThrownBy(() -> parse(null, "\n\n"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("no requests added");
  }
}
