package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageMergeTest {

  /** A node's page: events named by their position, newest first as a node answers. */
  private static SearchService.Page part(int limit, long total, long... timestampsAndSeqs) {
    SearchService.Page page = new SearchService.Page(limit);
    for (int i = 0; i < timestampsAndSeqs.length; i += 2) {
      page.add(Map.of("id", timestampsAndSeqs[i] + "/" + timestampsAndSeqs[i + 1]),
          new Cursor(timestampsAndSeqs[i], timestampsAndSeqs[i + 1]));
    }
    page.total = total;
    return page;
  }

  private static List<Object> ids(SearchService.Page page) {
    return page.events().stream().map(e -> e.get("id")).toList();
  }

  @Test
  void interleavesNewestFirstAndAddsTotals() {
    SearchService.Page merged = PageMerge.merge(4, List.of(
        part(4, 7, 900, 1, 700, 5, 700, 2, 100, 9),
        part(4, 3, 800, 3, 700, 4, 50, 8)), List.of());
    assertThat(ids(merged)).containsExactly("900/1", "800/3", "700/5", "700/4");
    assertThat(merged.total).isEqualTo(10);
    assertThat(merged.exact).isTrue();
    assertThat(merged.nextCursor()).isEqualTo(new Cursor(700, 4));
    assertThat(merged.missing()).isEmpty();
  }

  @Test
  void theLastPageHasNoCursor() {
    SearchService.Page merged = PageMerge.merge(10, List.of(part(10, 1, 5, 1), part(10, 1, 6, 2)),
        List.of());
    assertThat(ids(merged)).containsExactly("6/2", "5/1");
    assertThat(merged.nextCursor()).isNull();
  }

  @Test
  void anEventTwoNodesHoldIsShownOnceAndPagingGoesOn() {
    SearchService.Page merged = PageMerge.merge(2, List.of(part(2, 2, 9, 1, 8, 1),
        part(2, 2, 9, 1, 8, 1)), List.of());
    assertThat(ids(merged)).containsExactly("9/1", "8/1");
    SearchService.Page shortByDuplicates = PageMerge.merge(3, List.of(part(3, 3, 9, 1, 8, 1, 7, 1),
        part(3, 3, 9, 1, 8, 1, 7, 1)), List.of());
    assertThat(ids(shortByDuplicates)).containsExactly("9/1", "8/1", "7/1");
    SearchService.Page shortPage = PageMerge.merge(4, List.of(part(2, 2, 9, 1, 8, 1),
        part(2, 2, 9, 1, 8, 1)), List.of());
    assertThat(shortPage.nextCursor()).as("a full part may hold more").isEqualTo(new Cursor(8, 1));
  }

  @Test
  void aMissingNodeIsListedAndAnInexactCountStaysInexact() {
    SearchService.Page inexact = part(5, 10_000, 3, 3);
    inexact.exact = false;
    SearchService.Page merged = PageMerge.merge(5, List.of(inexact, part(5, 1, 4, 4)),
        List.of(new MissingNode("strata-3", "no heartbeat for 12 s")));
    assertThat(merged.exact).isFalse();
    assertThat(merged.total).isEqualTo(10_001);
    assertThat(merged.missing()).containsExactly(new MissingNode("strata-3",
        "no heartbeat for 12 s"));
  }
}
