package io.strata.index;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.Level;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class EventDocumentBuilderTest {

  private final EventDocumentBuilder builder = new EventDocumentBuilder(8);

  private Document build(String json) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    builder.begin(IndexSchema.seq(3, 1000, 7), EventNormalizer.KIND_JSON, bytes, 0, bytes.length);
    new EventNormalizer().normalize(EventNormalizer.KIND_JSON, bytes, 0, bytes.length,
        1_714_557_600_000L, builder);
    return builder.document();
  }

  private Document begin() {
    builder.begin(1, EventNormalizer.KIND_TEXT, new byte[0], 0, 0);
    return builder.document();
  }

  private static List<IndexableField> fields(Document document, String name) {
    return Arrays.asList(document.getFields(name));
  }

  /** The terms the document indexes under {@code name}, as text (keywords are indexed as bytes). */
  private static List<String> terms(Document document, String name) {
    return fields(document, name).stream()
        .filter(f -> f.fieldType().indexOptions() != IndexOptions.NONE)
        .map(f -> f.stringValue() != null ? f.stringValue() : f.binaryValue().utf8ToString())
        .toList();
  }

  private static List<String> docValues(Document document, String name) {
    return fields(document, name).stream()
        .filter(f -> f.fieldType().docValuesType() == DocValuesType.SORTED_SET)
        .map(f -> f.binaryValue().utf8ToString())
        .toList();
  }

  private static boolean hasDocValues(Document document, String name) {
    return fields(document, name).stream()
        .anyMatch(f -> f.fieldType().docValuesType() == DocValuesType.SORTED_SET);
  }

  @Test
  void storesTheOriginalEventPrefixedWithItsKindAndTheIngestTime() throws IOException {
    String json = "{\"message\":\"hi\"}";
    Document document = build(json);

    BytesRef source = document.getBinaryValue(IndexSchema.SOURCE);
    assertThat(source.bytes[source.offset]).isEqualTo(EventNormalizer.KIND_JSON);
    assertThat(new String(source.bytes, source.offset + 1, source.length - 1, UTF_8)).isEqualTo(json);
    assertThat(document.getField(IndexSchema.INGESTED).numericValue().longValue())
        .isEqualTo(1_714_557_600_000L);
    assertThat(document.getField(IndexSchema.SEQ).numericValue().longValue())
        .isEqualTo(IndexSchema.seq(3, 1000, 7));
  }

  @Test
  void indexesTheEventTimeInMillisFlooringNegativeTimes() throws IOException {
    Document document = build("{\"@timestamp\":\"2024-05-01T10:00:00.999999Z\"}");

    assertThat(builder.timestampMillis()).isEqualTo(1_714_557_600_999L);
    assertThat(document.getField(IndexSchema.TIMESTAMP).numericValue().longValue())
        .isEqualTo(1_714_557_600_999L);

    begin();
    builder.timestamp(-1);
    assertThat(builder.timestampMillis()).isEqualTo(-1);
  }

  @Test
  void givesFacetedKeywordsDocValuesAndIdsNone() throws IOException {
    Document document = build("{\"level\":\"warn\",\"service\":\"cart\",\"host\":\"h1\","
        + "\"env\":\"prod\",\"trace_id\":\"t1\",\"user\":\"bob\"}");

    assertThat(terms(document, "level")).containsExactly("WARN");
    assertThat(terms(document, "level_original")).containsExactly("warn");
    for (String faceted : List.of("level", "service", "host", "environment")) {
      assertThat(hasDocValues(document, faceted)).as(faceted).isTrue();
    }
    for (String plain : List.of("level_original", "trace_id", "user")) {
      assertThat(hasDocValues(document, plain)).as(plain).isFalse();
      assertThat(terms(document, plain)).as(plain).hasSize(1);
    }
  }

  @Test
  void reusesKeywordFieldsFromOneEventToTheNextWithEachEventsOwnValues() throws IOException {
    Document first = build("{\"service\":\"cart\",\"tags\":[\"a\",\"b\"],\"trace_id\":\"t1\"}");
    assertThat(terms(first, "service")).containsExactly("cart");
    assertThat(docValues(first, "service")).containsExactly("cart");
    assertThat(terms(first, "tags")).containsExactly("a", "b");
    IndexableField firstService = first.getField("service");

    Document second = build("{\"service\":\"pay\",\"tags\":[\"c\"]}");

    assertThat(second.getField("service")).isSameAs(firstService);
    assertThat(terms(second, "service")).containsExactly("pay");
    assertThat(docValues(second, "service")).containsExactly("pay");
    assertThat(terms(second, "tags")).containsExactly("c");
    assertThat(fields(second, "trace_id")).isEmpty();
  }

  @Test
  void makesTheFieldsOfNamesPastTheReusedOnesAnew() {
    Document document = begin();
    for (int i = 0; i <= EventDocumentBuilder.REUSED_NAMES; i++) {
      builder.keyword("k" + i, "v" + i);
    }
    String past = "k" + EventDocumentBuilder.REUSED_NAMES;
    assertThat(terms(document, past)).containsExactly("v" + EventDocumentBuilder.REUSED_NAMES);

    IndexableField before = document.getField(past);
    begin();
    builder.keyword(past, "again");
    assertThat(terms(document, past)).containsExactly("again");
    assertThat(document.getField(past)).isNotSameAs(before);
  }

  @Test
  void indexesTheMessageAsFullText() throws IOException {
    Document document = build("{\"msg\":\"Connection refused\"}");

    IndexableField message = document.getField("message");
    assertThat(message.stringValue()).isEqualTo("Connection refused");
    assertThat(message.fieldType().tokenized()).isTrue();
    assertThat(message.fieldType().indexOptions())
        .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
  }

  @Test
  void indexesNumbersAsPointsOnly() throws IOException {
    Document document = build("{\"http\":{\"status\":502},\"ratio\":0.25}");

    assertThat(fields(document, "http.status")).isEmpty();
    assertThat(fields(document, "http.status#num")).singleElement().satisfies(point -> {
      assertThat(point.fieldType().pointDimensionCount()).isEqualTo(1);
      assertThat(point.numericValue().doubleValue()).isEqualTo(502.0);
    });
    assertThat(fields(document, "ratio")).isEmpty();
    assertThat(fields(document, "ratio#num")).hasSize(1);
  }

  @Test
  void indexesNoPointForNaN() {
    Document document = begin();

    builder.number("x", Double.NaN, "NaN");

    assertThat(terms(document, "x")).containsExactly("NaN");
    assertThat(fields(document, "x#num")).isEmpty();
  }

  @Test
  void truncatesLongKeywordsToTheConfiguredLength() throws IOException {
    Document document = build("{\"service\":\"a-very-long-service\",\"note\":\"0123456789\"}");

    assertThat(terms(document, "service")).containsExactly("a-very-l");
    assertThat(terms(document, "note")).containsExactly("01234567");
  }

  @Test
  void keepsAttributeNamesClearOfTheNumericSuffix() throws IOException {
    Document document = build("{\"a#num\":\"text\",\"b#num\":5}");

    assertThat(fields(document, "a#num")).isEmpty();
    assertThat(terms(document, "a_num")).containsExactly("text");
    assertThat(fields(document, "b_num#num")).hasSize(1);
  }

  @Test
  void indexesBooleansAsText() throws IOException {
    Document document = build("{\"ok\":true,\"bad\":false}");

    assertThat(terms(document, "ok")).containsExactly("true");
    assertThat(terms(document, "bad")).containsExactly("false");
  }

  @Test
  void indexesOnlyTheOriginalOfAnUnknownLevel() {
    Document document = begin();

    builder.level(null, "loud");
    builder.level(Level.ERROR, null);

    assertThat(terms(document, "level_original")).containsExactly("loud");
    assertThat(terms(document, "level")).containsExactly("ERROR");
  }
}
