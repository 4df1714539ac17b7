package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

class FieldNameBudgetTest {

  private static Document event(String... fields) {
    Document document = new Document();
    for (String field : fields) {
      document.add(new StringField(field, "v", Field.Store.NO));
    }
    return document;
  }

  private static Set<String> names(Document document) {
    return document.getFields().stream().map(IndexableField::name)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void newNamesPastTheBudgetAreLeftOutAndNamedInIgnored() {
    FieldNameBudget budget = new FieldNameBudget(4, Set.of("message", "level"));
    // _ignored counts as one of the four: room for one more name.
    Document first = event("message", "user");
    assertThat(budget.apply(first)).isZero();
    assertThat(names(first)).containsExactlyInAnyOrder("message", "user");
    Document second = event("message", "user", "order", "cart");
    second.add(new DoublePoint(IndexSchema.numeric("amount"), 3.5));
    assertThat(budget.apply(second)).isEqualTo(3);
    assertThat(names(second)).containsExactlyInAnyOrder("message", "user", "_ignored");
    assertThat(second.getValues("_ignored")).containsExactlyInAnyOrder("order", "cart", "amount");
    assertThat(budget.exhausted()).isTrue();
  }

  @Test
  void namesTheIndexAlreadyHasAreAlwaysIndexed() {
    FieldNameBudget budget = new FieldNameBudget(3, Set.of("a", "b", "c", "d"));
    Document known = event("a", "d");
    assertThat(budget.apply(known)).isZero();
    assertThat(names(known)).containsExactlyInAnyOrder("a", "d");
  }
}
