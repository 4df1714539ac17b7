package io.strata.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.index.IndexSchema;
import io.strata.pipeline.EventNormalizer;
import io.strata.search.EventId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TailBatchTest {

  private static final long T0 = 1_795_000_000_000L;

  private final ObjectMapper mapper = new ObjectMapper();

  /** A document with the fields and the stored original the indexer gives such an event. */
  private static TenantTail.IndexedEvent event(int n, String service, String message) {
    long seq = IndexSchema.seq(0, 100 + n, 0);
    long timestamp = T0 + n;
    String json = "{\"@timestamp\":" + timestamp + ",\"service\":\"" + service
        + "\",\"message\":\"" + message + "\",\"status\":" + (500 + n) + "}";
    byte[] bytes = json.getBytes(UTF_8);
    byte[] source = new byte[bytes.length + 1];
    source[0] = EventNormalizer.KIND_JSON;
    System.arraycopy(bytes, 0, source, 1, bytes.length);
    Document document = new Document();
    document.add(new SortedNumericDocValuesField(IndexSchema.SEQ, seq));
    document.add(new StoredField(IndexSchema.SOURCE, new BytesRef(source)));
    document.add(new LongField(IndexSchema.TIMESTAMP, timestamp, Field.Store.NO));
    document.add(new StoredField(IndexSchema.INGESTED, T0 + 1000));
    document.add(new TextField("message", message, Field.Store.NO));
    document.add(new StringField("service", service, Field.Store.NO));
    document.add(new DoublePoint(IndexSchema.numeric("status"), 500 + n));
    return new TenantTail.IndexedEvent(seq, timestamp, document);
  }

  private TailBatch batch(TenantTail.IndexedEvent... events) throws IOException {
    return new TailBatch(List.of(events), new StandardAnalyzer(), mapper.writer());
  }

  private static String id(TenantTail.IndexedEvent event) {
    return new EventId(event.timestampMillis(), event.seq()).text();
  }

  @Test
  void eachQueryGetsThePlacesOfItsMatchesInTheOrderOfTheBatch() throws IOException {
    Query checkout = new TermQuery(new Term("service", "checkout"));
    Query declined = new TermQuery(new Term("message", "declined"));
    Query both = new BooleanQuery.Builder().add(checkout, BooleanClause.Occur.MUST)
        .add(declined, BooleanClause.Occur.MUST).build();
    try (TailBatch batch = batch(event(3, "checkout", "card declined"),
        event(1, "payments", "card declined again"), event(2, "checkout", "order placed"))) {
      assertThat(batch.size()).isEqualTo(3);
      assertThat(batch.matching(checkout)).containsExactly(0, 2);
      assertThat(batch.matching(declined)).containsExactly(0, 1);
      assertThat(batch.matching(both)).containsExactly(0);
      assertThat(batch.matching(new TermQuery(new Term("service", "email")))).isEmpty();
      assertThat(batch.matching(DoublePoint.newRangeQuery(IndexSchema.numeric("status"), 502, 503)))
          .containsExactly(0, 2);
      assertThat(batch.matching(new MatchAllDocsQuery())).containsExactly(0, 1, 2);
    }
  }

  @Test
  void rendersAnEventAsSearchShowsItOnOneLineAndOnlyOnce() throws IOException {
    TenantTail.IndexedEvent event = event(7, "checkout", "line one\\nline two");
    try (TailBatch batch = batch(event(6, "checkout", "first"), event)) {
      TailMessage.Match match = batch.render(1);
      assertThat(match.json()).doesNotContain("\n").doesNotContain("\r");
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = mapper.readValue(match.json(), Map.class);
      assertThat(fields).containsEntry("service", "checkout")
          .containsEntry("message", "line one\nline two")
          .containsEntry("status", 507)
          .containsEntry("_id", id(event))
          .containsKeys("@timestamp", "ingested_at");
      assertThat(match.id()).isEqualTo(id(event));
      assertThat(batch.render(1)).isSameAs(match);
    }
  }
}
