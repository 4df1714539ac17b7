package io.strata.search;

import java.util.List;
import java.util.Map;

/**
 * One node's part of a page: its events newest first, the position (time, sequence) of each, and
 * how many events of the range it holds.
 */
public record ShardPage(List<Map<String, Object>> events, long[] timestamps, long[] seqs,
    long total, boolean exact) {

  static ShardPage of(SearchService.Page page) {
    int n = page.events.size();
    long[] timestamps = new long[n];
    long[] seqs = new long[n];
    for (int i = 0; i < n; i++) {
      Cursor at = page.positions.get(i);
      timestamps[i] = at.timestampMillis();
      seqs[i] = at.seq();
    }
    return new ShardPage(page.events, timestamps, seqs, page.total, page.exact);
  }

  SearchService.Page toPage(int limit) {
    SearchService.Page page = new SearchService.Page(limit);
    for (int i = 0; i < events.size(); i++) {
      page.add(events.get(i), new Cursor(timestamps[i], seqs[i]));
    }
    page.total = total;
    page.exact = exact;
    return page;
  }
}
