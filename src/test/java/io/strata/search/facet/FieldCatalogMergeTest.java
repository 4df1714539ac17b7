package io.strata.search.facet;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.cluster.MissingNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldCatalogMergeTest {

  @Test
  void fieldsOfNodesJoinByName() {
    FieldCatalog.Fields merged = FieldCatalog.merge(List.of(
        new FieldCatalog.Fields(List.of(
            new FieldCatalog.Field("service", List.of("keyword"), 3L, 100),
            new FieldCatalog.Field("took", List.of("number"), null, 5),
            new FieldCatalog.Field("message", List.of("text"), null, 100)), 1),
        new FieldCatalog.Fields(List.of(
            new FieldCatalog.Field("service", List.of("keyword"), 5L, 50),
            new FieldCatalog.Field("took", List.of("keyword"), 2L, 1),
            new FieldCatalog.Field("message", List.of("text"), null, 50)), 1)),
        List.of(new MissingNode("strata-3", "no answer within 10000 ms")));
    assertThat(merged.fields()).containsExactly(
        new FieldCatalog.Field("message", List.of("text"), null, 150),
        new FieldCatalog.Field("service", List.of("keyword"), 5L, 150),
        new FieldCatalog.Field("took", List.of("keyword", "number"), 2L, 6));
    assertThat(merged.partial()).isTrue();
  }
}
