package io.strata.ui.search;

import io.strata.security.Caller;
import io.strata.search.SearchRequest;
import io.strata.search.SearchResponse;
import io.strata.search.SearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves the result grid's lazy requests (offset, limit) from search's cursor pages: pages are
 * fetched in order as the user scrolls and kept, so scrolling back costs nothing.
 *
 * <p>The range is fixed in epoch millis when the search starts, so that "now-15m" means the same
 * instant on every page.
 */
final class EventPages {

  private static final int PAGE = 100;
  private static final int MAX_KEPT = 20_000;

  private final SearchService search;
  private final Caller tenant;
  private final String q;
  private final String from;
  private final String to;
  private final List<Map<String, Object>> loaded = new ArrayList<>();
  private String cursor;
  private boolean done;
  private SearchResponse first;

  EventPages(SearchService search, Caller tenant, String q, long fromMillis, long toMillis) {
    this.search = search;
    this.tenant = tenant;
    this.q = q;
    this.from = Long.toString(fromMillis);
    this.to = Long.toString(toMillis);
  }

  /** The first page's answer: its total and timing. Problems (a bad query) surface here. */
  SearchResponse first() {
    if (first == null) {
      first = search.search(tenant, new SearchRequest(q, from, to, PAGE, null));
      add(first);
    }
    return first;
  }

  Stream<Map<String, Object>> fetch(int offset, int limit) {
    first();
    while (!done && loaded.size() < offset + limit && loaded.size() < MAX_KEPT) {
      add(search.search(tenant, new SearchRequest(q, from, to, PAGE, cursor)));
    }
    if (offset >= loaded.size()) {
      return Stream.empty();
    }
    return loaded.subList(offset, Math.min(loaded.size(), offset + limit)).stream();
  }

  private void add(SearchResponse page) {
    loaded.addAll(page.events());
    cursor = page.cursor();
    done = cursor == null;
  }
}
