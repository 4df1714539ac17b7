package io.strata.ui.search;

import io.strata.search.SearchResponse;
import io.strata.search.histogram.HistogramResponse;

/** The line above the results: how many events match, and how long the search took. */
final class ResultSummary {

  private ResultSummary() {}

  /**
   * The summary of a search and the histogram over the same query and range. The search counts
   * exactly only up to 10,000 matches; the histogram counts every one, so its total is shown then
   * (#13), and "+" only when there is none to show.
   */
  static String text(SearchResponse first, HistogramResponse histogram) {
    boolean atLeast = "gte".equals(first.totalRelation());
    long total = atLeast && histogram != null ? histogram.total() : first.total();
    return String.format("%,d%s events · %d ms", total, atLeast && histogram == null ? "+" : "",
        first.tookMs());
  }
}
