package io.strata.ingest.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ingest.ProtobufReader;
import io.strata.ingest.ProtobufReader.ProtobufException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The response bodies, read back field by field. */
class OtlpResponsesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The fields of a message as "number=value" (strings and varints) or "number={...}". */
  private static List<String> fields(byte[] message, int... nested) throws ProtobufException {
    List<String> fields = new ArrayList<>();
    ProtobufReader reader = new ProtobufReader(message, 0, message.length);
    while (reader.hasMore()) {
      int tag = reader.tag();
      int field = tag >>> 3;
      if ((tag & 7) == ProtobufReader.VARINT) {
        fields.add(field + "=" + reader.varint());
      } else if (IntStream.of(nested).anyMatch(n -> n == field)) {
        fields.add(field + "=" + fields(reader.bytes(), nested));
      } else {
        fields.add(field + "=" + new String(reader.bytes(), UTF_8));
      }
    }
    return fields;
  }

  @Test
  void successIsAnEmptyResponse() throws Exception {
    assertThat(OtlpResponses.success(OtlpEncoding.PROTOBUF)).isEmpty();
    assertThat(new String(OtlpResponses.success(OtlpEncoding.JSON), UTF_8)).isEqualTo("{}");
  }

  @Test
  void partialSuccessCarriesTheCountAndTheMessage() throws Exception {
    assertThat(fields(OtlpResponses.partialSuccess(OtlpEncoding.PROTOBUF, 3, "why"), 1))
        .containsExactly("1=[1=3, 2=why]");
    JsonNode json = MAPPER.readTree(OtlpResponses.partialSuccess(OtlpEncoding.JSON, 3, "why"));
    assertThat(json.toString())
        .isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":\"3\",\"errorMessage\":\"why\"}}");
  }

  @Test
  void statusCarriesCodeMessageAndABadRequestDetail() throws Exception {
    byte[] status = OtlpResponses.status(OtlpEncoding.PROTOBUF, OtlpResponses.INVALID_ARGUMENT,
        "bad", "resourceLogs[0]");
    // Status{code, message, details: Any{type_url, value: BadRequest{FieldViolation{field, desc}}}}
    ProtobufReader reader = new ProtobufReader(status, 0, status.length);
    assertThat(reader.tag()).isEqualTo(1 << 3);
    assertThat(reader.varint()).isEqualTo(3);
    assertThat(reader.tag()).isEqualTo(2 << 3 | 2);
    assertThat(reader.string()).isEqualTo("bad");
    assertThat(reader.tag()).isEqualTo(3 << 3 | 2);
    ProtobufReader any = reader.message();
    assertThat(reader.hasMore()).isFalse();
    any.tag();
    assertThat(any.string()).isEqualTo(OtlpResponses.BAD_REQUEST_TYPE);
    any.tag();
    ProtobufReader badRequest = any.message();
    badRequest.tag();
    assertThat(fields(badRequest.bytes())).containsExactly("1=resourceLogs[0]", "2=bad");

    JsonNode json = MAPPER.readTree(OtlpResponses.status(OtlpEncoding.JSON, 14, "later", null));
    assertThat(json.toString()).isEqualTo("{\"code\":14,\"message\":\"later\"}");
    json = MAPPER.readTree(OtlpResponses.status(OtlpEncoding.JSON, 3, "bad", "resourceLogs[0]"));
    assertThat(json.path("details").get(0).path("@type").asText())
        .isEqualTo(OtlpResponses.BAD_REQUEST_TYPE);
    assertThat(json.path("details").get(0).path("fieldViolations").get(0).toString())
        .isEqualTo("{\"field\":\"resourceLogs[0]\",\"description\":\"bad\"}");
  }

  @Test
  void theEncodingFollowsTheContentType() {
    assertThat(OtlpEncoding.find("application/x-protobuf")).isEqualTo(OtlpEncoding.PROTOBUF);
    assertThat(OtlpEncoding.find("Application/JSON; charset=utf-8")).isEqualTo(OtlpEncoding.JSON);
    assertThat(OtlpEncoding.find("application/protobuf")).isEqualTo(OtlpEncoding.PROTOBUF);
    assertThat(OtlpEncoding.find("text/plain")).isNull();
    assertThat(OtlpEncoding.find(null)).isNull();
  }
}
