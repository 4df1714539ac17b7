package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.search.MatchingDocs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class FieldTuplesTest {

  @Test
  void countsCombinationsOfValuesAcrossSegmentsMostFirst() throws IOException {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        add(writer, "checkout", "ERROR", 3);
        add(writer, "cart", "ERROR", 1);
        writer.commit(); // a second segment, whose ordinals differ from the first's
        add(writer, "checkout", "ERROR", 2);
        add(writer, "checkout", "INFO", 4);
        Document serviceOnly = new Document();
        keyword(serviceOnly, "service", "cart");
        writer.addDocument(serviceOnly);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(2);
        FieldTuples all = count(reader, new MatchAllDocsQuery(), List.of("service", "level"));
        assertThat(all.top(10)).containsExactly(
            new GroupCounts.Group(Map.of("service", "checkout", "level", "ERROR"), 5),
            new GroupCounts.Group(Map.of("service", "checkout", "level", "INFO"), 4),
            new GroupCounts.Group(Map.of("service", "cart", "level", "ERROR"), 1));
        assertThat(all.truncated(10)).isFalse();
        assertThat(all.top(2)).hasSize(2);
        assertThat(all.truncated(2)).isTrue();

        FieldTuples errors = count(reader, new TermQuery(new Term("level", "ERROR")),
            List.of("level", "service"));
        assertThat(errors.top(10)).containsExactly(
            new GroupCounts.Group(Map.of("level", "ERROR", "service", "checkout"), 5),
            new GroupCounts.Group(Map.of("level", "ERROR", "service", "cart"), 1));
        assertThat(errors.top(10).getFirst().values().keySet()).containsExactly("level", "service");
      }
    }
  }

  private static FieldTuples count(DirectoryReader reader, Query query, List<String> fields)
      throws IOException {
    FieldTuples tuples = new FieldTuples(fields);
    for (MatchingDocs.Leaf leaf : MatchingDocs.collect(new IndexSearcher(reader), query)) {
      tuples.add(leaf);
    }
    return tuples;
  }

  private static void add(IndexWriter writer, String service, String level, int times)
      throws IOException {
    for (int i = 0; i < times; i++) {
      Document document = new Document();
      keyword(document, "service", service);
      keyword(document, "level", level);
      writer.addDocument(document);
    }
  }

  private static void keyword(Document document, String field, String value) {
    document.add(new StringField(field, value, Field.Store.NO));
    document.add(new SortedSetDocValuesField(field, new BytesRef(value)));
  }
}
