package io.strata.search;

import io.strata.index.IndexSchema;
import java.io.IOException;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

/**
 * Fills a page with the newest matches of one index, reading it in time windows from the newest
 * end, then counts the rest of the range as far as the page's count budget allows.
 *
 * <p>Why windows: events are indexed in arrival order, which is close to time order but not sorted
 * (sorting each segment at flush cost a fifth of indexing). A newest-first collector over such an
 * index cannot stop early, since each event that arrived later is more competitive than the last;
 * over a narrow window it has little to visit. The first window holds about {@value #WINDOW_PAGES}
 * pages of events if every event matched; each next one is {@value #WINDOW_GROWTH} times wider, so
 * a rare match costs a handful of searches, not one per window.
 */
final class NewestFirstWindows {

  static final int WINDOW_PAGES = 8;
  static final int WINDOW_GROWTH = 4;
  private static final long MIN_WINDOW_MILLIS = 1_000;

  private NewestFirstWindows() {}

  /**
   * Adds to {@code page} the newest matches of {@code query} within {@code [from, to]} (epoch
   * millis) that sort after {@code after} (null for none), and their count to its total.
   */
  static void read(IndexSearcher searcher, Query query, long from, long to, FieldDoc after,
      SearchService.Page page) throws IOException {
    StoredEvents events = new StoredEvents(searcher);
    long span = to - from + 1;
    int docs = Math.max(1, searcher.getIndexReader().numDocs());
    long width = Math.max(MIN_WINDOW_MILLIS,
        (long) (span * Math.min(1.0, WINDOW_PAGES * page.limit / (double) docs)));
    long top = to;
    while (top >= from && !page.isFull()) {
      long bottom = top - from < width ? from : top - width + 1;
      TopFieldDocs hits = searcher.search(TimeRanges.bounded(query, bottom, top),
          new TopFieldCollectorManager(IndexSchema.NEWEST_FIRST,
              page.limit - page.events.size(), after, page.countBudget()));
      page.total += hits.totalHits.value();
      page.exact &= hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
      for (ScoreDoc hit : hits.scoreDocs) {
        FieldDoc doc = (FieldDoc) hit;
        page.events.add(events.read(doc));
        page.last = new Cursor((Long) doc.fields[0], (Long) doc.fields[1]);
      }
      top = bottom - 1;
      width = Math.min(span, width * WINDOW_GROWTH);
    }
    if (top >= from) {
      SearchService.count(searcher, query, from, top, page);
    }
  }
}
