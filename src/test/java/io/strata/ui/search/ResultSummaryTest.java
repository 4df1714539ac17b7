package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.search.SearchResponse;
import io.strata.search.histogram.HistogramResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultSummaryTest {

  private static SearchResponse search(long total, String relation) {
    return new SearchResponse(List.of(), total, relation, null, 7);
  }

  private static HistogramResponse histogram(long total) {
    return new HistogramResponse("1m", total, "level", List.of(), 3);
  }

  @Test
  void showsTheSearchCountWhileItIsExact() {
    assertThat(ResultSummary.text(search(812, "eq"), histogram(812)))
        .isEqualTo("812 events · 7 ms");
  }

  @Test
  void showsTheHistogramsExactCountPastTheSearchThreshold() {
    assertThat(ResultSummary.text(search(10_027, "gte"), histogram(200_006)))
        .isEqualTo(String.format("%,d events · 7 ms", 200_006));
  }

  @Test
  void saysAtLeastWithoutAHistogram() {
    assertThat(ResultSummary.text(search(10_027, "gte"), null))
        .isEqualTo(String.format("%,d+ events · 7 ms", 10_027));
  }
}
