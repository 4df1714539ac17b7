package io.strata.search;

import io.strata.index.IndexSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * What reading the events of a page of hits costs on one thread and with a helper ({@link
 * StoredEvents#readAll}), alternating the two on the same hits so that a busy machine slows both
 * alike: the newest 100 hits of a word, and 100 documents drawn at random over the whole index.
 * Point it at a day index the benchmark left behind:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.strata.search.PageFetchBenchmark \
 *   -Dexec.args="target/bench-data/app/indexes/&lt;tenant&gt;/&lt;day&gt; deadlock"
 * </pre>
 */
public final class PageFetchBenchmark {

  private static final int PAGE = 100;
  private static final int WARMUP = 300;
  private static final int RUNS = 500;

  private PageFetchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path day = Path.of(args[0]);
    String word = args.length > 1 ? args[1] : "deadlock";
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fetch-helper");
      t.setDaemon(true);
      return t;
    });
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(day))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopFieldDocs newest = searcher.search(new TermQuery(new Term("message", word)), PAGE,
          IndexSchema.NEWEST_FIRST);
      ScoreDoc[] random = randomDocs(searcher, reader.maxDoc());
      System.out.printf("%,d documents in %d segments%n", reader.numDocs(), reader.leaves().size());
      measure("newest " + newest.scoreDocs.length + " hits of '" + word + "'", searcher,
          newest.scoreDocs, helper);
      measure(PAGE + " documents at random", searcher, random, helper);
    } finally {
      helper.shutdownNow();
    }
  }

  /** Random documents with the sort values a hit carries, newest first as a page is read. */
  private static ScoreDoc[] randomDocs(IndexSearcher searcher, int maxDoc) throws Exception {
    TopFieldDocs all = searcher.search(new org.apache.lucene.search.MatchAllDocsQuery(), maxDoc,
        IndexSchema.NEWEST_FIRST);
    Random random = new Random(42);
    ScoreDoc[] picked = new ScoreDoc[PAGE];
    int[] at = random.ints(0, all.scoreDocs.length).distinct().limit(PAGE).sorted().toArray();
    for (int i = 0; i < PAGE; i++) {
      picked[i] = (FieldDoc) all.scoreDocs[at[i]];
    }
    return picked;
  }

  private static void measure(String what, IndexSearcher searcher, ScoreDoc[] hits,
      ExecutorService helper) throws Exception {
    long[] alone = new long[RUNS];
    long[] helped = new long[RUNS];
    for (int i = -WARMUP; i < RUNS; i++) {
      long t0 = System.nanoTime();
      new StoredEvents(searcher, null).readAll(hits);
      long t1 = System.nanoTime();
      new StoredEvents(searcher, helper).readAll(hits);
      long t2 = System.nanoTime();
      if (i >= 0) {
        alone[i] = t1 - t0;
        helped[i] = t2 - t1;
      }
    }
    System.out.printf("%s: one thread p50 %.2f ms p90 %.2f ms; with a helper p50 %.2f ms p90"
        + " %.2f ms%n", what, p(alone, 50), p(alone, 90), p(helped, 50), p(helped, 90));
  }

  private static double p(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
