package io.strata.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.jboss.logging.Logger;

/**
 * The days a search reads, newest first, each with the indexes of its retention classes; they stay open (an idle close waits) until this is
 * closed.
 */
public final class SearchableBuckets implements AutoCloseable, Iterable<SearchableBucket> {

  private final List<SearchableBucket> buckets;
  private final List<BucketIndex> held;
  private final List<DaySearchers> managers = new ArrayList<>();
  private final List<IndexSearcher> searchers = new ArrayList<>();
  private boolean closed;

  SearchableBuckets(int expected) {
    this.buckets = new ArrayList<>(expected);
    this.held = new ArrayList<>(expected);
  }

  void add(SearchableBucket bucket, List<BucketIndex> indexes) {
    buckets.add(bucket);
    held.addAll(indexes);
  }

  /** The buckets, newest day first. */
  public List<SearchableBucket> list() {
    return buckets;
  }

  @Override
  public Iterator<SearchableBucket> iterator() {
    return buckets.iterator();
  }

  /**
   * A searcher of {@code bucket}, released when this is closed: for requests that read several
   * days together and must keep every one's segments until they are done.
   */
  public IndexSearcher acquire(SearchableBucket bucket) throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    managers.add(bucket.searchers());
    searchers.add(searcher);
    return searcher;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (int i = 0; i < searchers.size(); i++) {
        try {
          managers.get(i).release(searchers.get(i));
        } catch (IOException | RuntimeException e) {
          Logger.getLogger(SearchableBuckets.class).warn("Releasing a searcher failed", e);
        }
      }
      held.forEach(BucketIndex::release);
    }
  }
}
