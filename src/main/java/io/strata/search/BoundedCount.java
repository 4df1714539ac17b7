package io.strata.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Counts matches, exactly up to a budget and no further: past it, the rest of the index is not
 * visited. A segment whose count the query knows without visiting (its {@link Weight#count}) costs
 * nothing.
 */
final class BoundedCount implements CollectorManager<BoundedCount.Counter, BoundedCount.Result> {

  /** What was counted: exact unless {@code reachedBudget}, when there are more than {@code count}. */
  record Result(long count, boolean reachedBudget) {}

  private final long budget;

  BoundedCount(long budget) {
    this.budget = budget;
  }

  @Override
  public Counter newCollector() {
    return new Counter(budget);
  }

  @Override
  public Result reduce(Collection<Counter> counters) {
    long count = 0;
    boolean reached = false;
    for (Counter counter : counters) {
      count += counter.count;
      reached |= counter.reachedBudget;
    }
    return new Result(Math.min(count, budget), reached || count > budget);
  }

  /** One slice's counter (the searcher may run slices in parallel). */
  static final class Counter implements Collector {
    private final long budget;
    private long count;
    private boolean reachedBudget;
    private Weight weight;

    Counter(long budget) {
      this.budget = budget;
    }

    @Override
    public void setWeight(Weight weight) {
      this.weight = weight;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      int known = weight == null ? -1 : weight.count(context);
      if (known >= 0) {
        count += known;
        throw new CollectionTerminatedException();
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) {
          if (count >= budget) {
            reachedBudget = true; // one match more than the budget: the count is a lower bound
            throw new CollectionTerminatedException();
          }
          count++;
        }

        @Override
        public void collectRange(int min, int max) {
          long room = budget - count;
          if (max - min > room) {
            count = budget;
            reachedBudget = true;
            throw new CollectionTerminatedException();
          }
          count += max - min;
        }
      };
    }
  }
}
