package io.strata.search.facet;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.cluster.MissingNode;
import io.strata.search.ValueCounter.ValueCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FacetMergeTest {

  private static FacetResponse part(long total, ValueCount... values) {
    return new FacetResponse(Map.of("service", List.of(values)), total, null, 1);
  }

  @Test
  void valuesAddUpAcrossNodesMostFirst() {
    FacetResponse merged = FacetMerge.merge(List.of(
            part(10, new ValueCount("api", 6), new ValueCount("db", 4)),
            part(9, new ValueCount("db", 5), new ValueCount("web", 4))),
        List.of("service"), 2, 3, List.of());
    assertThat(merged.facets().get("service")).containsExactly(new ValueCount("db", 9),
        new ValueCount("api", 6));
    assertThat(merged.total()).isEqualTo(19);
    assertThat(merged.incomplete()).isNull();
    assertThat(merged.partial()).isFalse();
  }

  @Test
  void aNodeThatSentAFullListMakesTheFieldIncomplete() {
    FacetResponse merged = FacetMerge.merge(List.of(
            part(10, new ValueCount("api", 6), new ValueCount("db", 4)),
            part(1, new ValueCount("db", 1))),
        List.of("service"), 1, 2, List.of(new MissingNode("strata-3", "no heartbeat for 11 s")));
    assertThat(merged.incomplete()).containsExactly("service");
    assertThat(merged.partial()).isTrue();
    assertThat(merged.missing()).hasSize(1);
  }
}
