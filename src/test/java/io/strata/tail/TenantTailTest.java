package io.strata.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.index.IndexSchema;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TenantTailTest {

  @Test
  void keepsTheKeywordsThatTheIndexerRefillsForTheNext() {
    TenantTail tail = new TenantTail("acme", 10);
    BytesRef service = new BytesRef("cart".getBytes(UTF_8));
    Document document = new Document();
    document.add(new StringField("service", service, Field.Store.NO));
    document.add(new SortedSetDocValuesField("service", service));

    tail.indexed(1, 1_000, document);
    System.arraycopy("shop".getBytes(UTF_8), 0, service.bytes, 0, 4);

    Document kept = tail.drain().get(0).document();
    assertThat(kept.getFields("service")).hasSize(2).allSatisfy(field ->
        assertThat(field.binaryValue().utf8ToString()).isEqualTo("cart"));
    assertThat(kept.getFields("service")).hasAtLeastOneElementOfType(SortedSetDocValuesField.class)
        .hasAtLeastOneElementOfType(StringField.class);
  }

  @Test
  void keepsTheStoredEventThatTheIndexerOverwritesWithTheNext() {
    TenantTail tail = new TenantTail("acme", 10);
    // As the indexer builds documents: one buffer for the stored event, refilled per event.
    BytesRef buffer = new BytesRef("first".getBytes(UTF_8));
    Document document = new Document();
    document.add(new StoredField(IndexSchema.SOURCE, buffer));
    document.add(new StringField("level", "ERROR", Field.Store.NO));

    tail.indexed(1, 1_000, document);
    System.arraycopy("later".getBytes(UTF_8), 0, buffer.bytes, 0, 5);
    document.clear();

    List<TenantTail.IndexedEvent> events = tail.drain();
    assertThat(events).hasSize(1);
    Document kept = events.get(0).document();
    assertThat(kept.getBinaryValue(IndexSchema.SOURCE).utf8ToString()).isEqualTo("first");
    assertThat(kept.getField("level").binaryValue().utf8ToString()).isEqualTo("ERROR");
  }
}
