package io.strata.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.index.IndexSchema;
import io.strata.pipeline.EventNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging newest first through an index whose events are in arrival order, close to time order but
 * not sorted, as the indexer writes them: every event comes exactly once, in order, whatever the
 * page size, and the first page counts every match.
 */
class NewestFirstWindowsTest {

  private static final long DAY_START = 1_780_000_000_000L / 86_400_000L * 86_400_000L;
  private static final long DAY_END = DAY_START + 86_399_999L;
  private static final int EVENTS = 3_000;

  private static final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private static final List<long[]> events = new ArrayList<>(); // {timestamp, seq, parity}
  private static DirectoryReader reader;

  @BeforeAll
  static void index() throws Exception {
    Random random = new Random(7);
    try (IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig(new StandardAnalyzer()).setMaxBufferedDocs(700))) {
      for (int i = 0; i < EVENTS; i++) {
        // Arrival order with up to 40 s of disorder, and some events sharing a millisecond.
        long timestamp = DAY_START + 3_600_000L + i * 20_000L + random.nextInt(40_000) / 7 * 7;
        long seq = IndexSchema.seq(0, i, 0);
        Document doc = new Document();
        doc.add(new LongField(IndexSchema.TIMESTAMP, timestamp, Field.Store.NO));
        doc.add(new SortedNumericDocValuesField(IndexSchema.SEQ, seq));
        byte[] json = ("{\"message\":\"event " + i + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] source = new byte[json.length + 1];
        source[0] = EventNormalizer.KIND_JSON;
        System.arraycopy(json, 0, source, 1, json.length);
        doc.add(new StoredField(IndexSchema.SOURCE, new BytesRef(source)));
        doc.add(new StoredField(IndexSchema.INGESTED, timestamp));
        doc.add(new StringField("parity", i % 2 == 0 ? "even" : "odd", Field.Store.NO));
        writer.addDocument(doc);
        events.add(new long[] {timestamp, seq, i % 2, i});
      }
    }
    reader = DirectoryReader.open(directory);
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
        .reversed());
  }

  @AfterAll
  static void close() throws Exception {
    reader.close();
    directory.close();
  }

  /** Windows always (cost 0), and one pass for a query this small (the default). */
  private static final long[] ONE_PASS_COSTS = {0, 20_000};

  @Test
  void everyEventComesOnceNewestFirstWhateverThePageSize() throws Exception {
    for (long onePass : ONE_PASS_COSTS) {
      for (int limit : new int[] {1, 7, 100, 1000}) {
        assertEquals(expected(-1), pageThrough(new MatchAllDocsQuery(), limit, onePass),
            "limit " + limit + ", one pass up to " + onePass);
      }
    }
  }

  @Test
  void aFilteredQueryPagesTheSameWay() throws Exception {
    for (long onePass : ONE_PASS_COSTS) {
      assertEquals(expected(0), pageThrough(new TermQuery(new Term("parity", "even")), 13, onePass));
    }
  }

  @Test
  void pagesReadPartlyOnAHelperThreadAreTheSame() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicInteger helped = new AtomicInteger();
    Executor helper = task -> {
      helped.incrementAndGet();
      pool.execute(task);
    };
    Executor busy = task -> {
      throw new RejectedExecutionException("busy");
    };
    try {
      int limit = 2 * StoredEvents.MIN_SHARED + 1;
      for (long onePass : ONE_PASS_COSTS) {
        assertEquals(expected(1), pageThrough(new TermQuery(new Term("parity", "odd")), limit,
            onePass, helper));
        assertEquals(expected(1), pageThrough(new TermQuery(new Term("parity", "odd")), limit,
            onePass, busy));
      }
      assertTrue(helped.get() > 0, "no page was read with help");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theFirstPageCountsEveryMatchOfTheRange() throws Exception {
    SearchService.Page page = new SearchService.Page(10);
    NewestFirstWindows.read(new IndexSearcher(reader), new TermQuery(new Term("parity", "odd")),
        DAY_START, DAY_END, null, page, 0, null);
    assertEquals(10, page.events().size());
    assertEquals(EVENTS / 2, page.total);
    assertTrue(page.exact);
  }

  @Test
  void aRangeThatLeavesOutOlderEventsCountsOnlyItsOwn() throws Exception {
    long from = events.get(EVENTS / 3)[0];
    long expected = events.stream().filter(e -> e[0] >= from && e[2] == 1).count();
    for (long onePass : ONE_PASS_COSTS) {
      SearchService.Page page = new SearchService.Page(10);
      NewestFirstWindows.read(new IndexSearcher(reader), new TermQuery(new Term("parity", "odd")),
          from, DAY_END, null, page, onePass, null);
      assertEquals(expected, page.total, "one pass up to " + onePass);
      assertTrue(page.exact);
    }
  }

  @Test
  void theCountOfTheRestStopsAtTheBudgetLeftByNewerDays() throws Exception {
    SearchService.Page page = new SearchService.Page(10);
    page.total = 10_000 - 300; // a newer day counted these
    NewestFirstWindows.read(new IndexSearcher(reader), new TermQuery(new Term("parity", "odd")),
        DAY_START, DAY_END, null, page, 0, null);
    assertEquals(10, page.events().size());
    assertEquals(10_000, page.total);
    assertFalse(page.exact);

    SearchService.Page roomy = new SearchService.Page(10);
    roomy.total = 10_000 - EVENTS / 2;
    NewestFirstWindows.read(new IndexSearcher(reader), new TermQuery(new Term("parity", "odd")),
        DAY_START, DAY_END, null, roomy, 0, null);
    assertEquals(10_000, roomy.total);
    assertTrue(roomy.exact, "exactly as many matches as the budget left");
  }

  @Test
  void anEventWithoutATimeIsNotCountedInATimeRange() throws Exception {
    try (ByteBuffersDirectory timeless = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(timeless, new IndexWriterConfig())) {
        for (int i = 0; i < 50; i++) {
          Document doc = new Document();
          if (i > 0) {
            doc.add(new LongField(IndexSchema.TIMESTAMP, DAY_START + i, Field.Store.NO));
          }
          doc.add(new StringField("parity", "odd", Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader timelessReader = DirectoryReader.open(timeless)) {
        assertFalse(TimeRanges.coversAll(timelessReader, DAY_START, DAY_END));
        SearchService.Page page = new SearchService.Page(10);
        SearchService.count(new IndexSearcher(timelessReader),
            new TermQuery(new Term("parity", "odd")), DAY_START, DAY_END, page);
        assertEquals(49, page.total);
      }
    }
  }

  /** The messages of every page, read with the cursor of the page before, as search does. */
  private static List<String> pageThrough(Query query, int limit, long onePassCost)
      throws Exception {
    return pageThrough(query, limit, onePassCost, null);
  }

  private static List<String> pageThrough(Query query, int limit, long onePassCost,
      Executor fetchHelpers) throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    List<String> seen = new ArrayList<>();
    Cursor cursor = null;
    do {
      SearchService.Page page = new SearchService.Page(limit);
      FieldDoc after = cursor == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN,
          new Object[] {cursor.timestampMillis(), cursor.seq()});
      long to = cursor == null ? DAY_END : Math.min(DAY_END, cursor.timestampMillis());
      NewestFirstWindows.read(searcher, query, DAY_START, to, after, page, onePassCost,
          fetchHelpers);
      page.events().forEach(event -> seen.add((String) event.get("message")));
      cursor = page.nextCursor();
    } while (cursor != null && seen.size() <= EVENTS); // a page read twice must not loop forever
    return seen;
  }

  private static List<String> expected(int parity) {
    return events.stream().filter(e -> parity < 0 || e[2] == parity)
        .map(e -> "event " + e[3]).toList();
  }
}
