package io.strata.search;

import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
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
 * a rare match costs a handful of searches, not one per window. A query that can only match a few
 * events (an id, a rare word) is read in one pass.
 */
final class NewestFirstWindows {

  static final int WINDOW_PAGES = 8;
  static final int WINDOW_GROWTH = 4;
  /**
   * A query that can match at most this many events of the range (Lucene's cost estimate) is read
   * in one pass: the collector visits no more than that, and windows would only repeat the setup.
   */
  private static final long ONE_PASS_COST = 20_000;
  private static final long MIN_WINDOW_MILLIS = 1_000;

  private NewestFirstWindows() {}

  /**
   * Adds to {@code page} the newest matches of {@code query} within {@code [from, to]} (epoch
   * millis) that sort after {@code after} (null for none), and their count to its total.
   */
  static void read(IndexSearcher searcher, Query query, long from, long to, FieldDoc after,
      SearchService.Page page, Executor fetchHelpers) throws IOException {
    read(searcher, query, from, to, after, page, ONE_PASS_COST, fetchHelpers);
  }

  /**
   * As {@link #read}, in one pass when the query's cost is at most {@code onePassCost}; the events
   * of a page are read with {@code fetchHelpers} (null: on this thread alone).
   */
  static void read(IndexSearcher searcher, Query query, long from, long to, FieldDoc after,
      SearchService.Page page, long onePassCost, Executor fetchHelpers) throws IOException {
    // Windows start at the newest event the index holds, not at the end of the range (often the
    // end of today, hours ahead of the newest event): empty windows would widen the first one
    // that holds events to hours of them.
    long[] held = TimeField.bounds(searcher.getIndexReader());
    boolean wholeIndex =
        after == null && TimeRanges.coversAll(searcher.getIndexReader(), from, to);
    from = Math.max(from, held[0]);
    to = Math.min(to, held[1]);
    if (from > to) {
      return;
    }
    // The hits of every window are gathered first and their events read at the end, together, so
    // that a page made of many small windows is read on two threads as well.
    List<ScoreDoc> hits = new ArrayList<>(page.limit - page.events.size());
    if (cost(searcher, TimeRanges.bounded(query, from, to)) <= onePassCost) {
      readWindow(searcher, query, from, to, after, page, hits);
    } else {
      long span = to - from + 1;
      int docs = Math.max(1, searcher.getIndexReader().numDocs());
      long width = Math.max(MIN_WINDOW_MILLIS,
          (long) (span * Math.min(1.0, WINDOW_PAGES * page.limit / (double) docs)));
      long top = to;
      long before = page.total;
      while (top >= from && page.events.size() + hits.size() < page.limit) {
        long bottom = top - from < width ? from : top - width + 1;
        readWindow(searcher, query, bottom, top, after, page, hits);
        top = bottom - 1;
        width = Math.min(span, width * WINDOW_GROWTH);
      }
      if (top >= from && wholeIndex) {
        // What is left is the index less the windows: counting the query alone, without a time
        // check per match, is what the count of a conjunction over a day mostly cost.
        SearchService.countAllBut(searcher, query, page.total - before, page);
      } else if (top >= from) {
        SearchService.count(searcher, query, from, top, page);
      }
    }
    if (hits.isEmpty()) {
      return;
    }
    ScoreDoc[] found = hits.toArray(new ScoreDoc[0]);
    List<Map<String, Object>> read = new StoredEvents(searcher, fetchHelpers).readAll(found);
    for (int i = 0; i < found.length; i++) {
      FieldDoc doc = (FieldDoc) found[i];
      page.add(read.get(i), new Cursor((Long) doc.fields[0], (Long) doc.fields[1]));
    }
  }

  /** Adds the newest matches within {@code [from, to]} to {@code hits} and their count to the total. */
  private static void readWindow(IndexSearcher searcher, Query query, long from, long to,
      FieldDoc after, SearchService.Page page, List<ScoreDoc> hits) throws IOException {
    TopFieldDocs found = searcher.search(TimeRanges.bounded(query, from, to),
        new TopFieldCollectorManager(IndexSchema.NEWEST_FIRST,
            page.limit - page.events.size() - hits.size(), after, page.countBudget()));
    page.total += found.totalHits.value();
    page.exact &= found.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
    hits.addAll(Arrays.asList(found.scoreDocs));
  }

  /** Lucene's estimate of how many documents {@code query} may visit, over all segments. */
  private static long cost(IndexSearcher searcher, Query query) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
    long cost = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      ScorerSupplier supplier = weight.scorerSupplier(leaf);
      if (supplier != null) {
        cost += supplier.cost();
      }
    }
    return cost;
  }
}
