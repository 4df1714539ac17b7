package io.strata.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of one index that match a query, as a bit set per segment: aggregations (histogram,
 * facets) make several passes over them and read doc values or postings, never stored events.
 * One bit per document: 1.2 MB for ten million events.
 */
public final class MatchingDocs {

  /** The matches in one segment. */
  public record Leaf(LeafReaderContext context, FixedBitSet bits, int count) {

    /** Whether every live document of the segment matches, so per-term counts can be read as is. */
    public boolean all() {
      return count == context.reader().maxDoc() && context.reader().getLiveDocs() == null;
    }
  }

  private MatchingDocs() {}

  /** The matches of {@code query} in {@code searcher}'s index, segment by segment. */
  public static List<Leaf> collect(IndexSearcher searcher, Query query) throws IOException {
    return searcher.search(query, new CollectorManager<LeafBits, List<Leaf>>() {
      @Override
      public LeafBits newCollector() {
        return new LeafBits();
      }

      @Override
      public List<Leaf> reduce(Collection<LeafBits> collectors) {
        List<Leaf> all = new ArrayList<>();
        collectors.forEach(c -> all.addAll(c.finish()));
        return all;
      }
    });
  }

  /** The total number of matches. */
  public static long count(List<Leaf> leaves) {
    long total = 0;
    for (Leaf leaf : leaves) {
      total += leaf.count();
    }
    return total;
  }

  private static final class LeafBits implements Collector {
    private final List<Leaf> leaves = new ArrayList<>();
    private LeafReaderContext context;
    private FixedBitSet bits;
    private int count;

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext next) {
      finishLeaf();
      context = next;
      bits = new FixedBitSet(next.reader().maxDoc());
      count = 0;
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) {
          bits.set(doc);
          count++;
        }

        @Override
        public void collectRange(int min, int max) {
          // A whole run of matching documents at once (every event of a segment, often).
          bits.set(min, max);
          count += max - min;
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    private void finishLeaf() {
      if (context != null && count > 0) {
        leaves.add(new Leaf(context, bits, count));
      }
      context = null;
    }

    List<Leaf> finish() {
      finishLeaf();
      return leaves;
    }
  }
}
