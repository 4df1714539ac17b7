package io.strata.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.jboss.logging.Logger;

/**
 * The day indexes a search reads, newest first; they stay open (an idle close waits) until this is
 * closed.
 */
public final class SearchableBuckets implements AutoCloseable, Iterable<SearchableBucket> {

  private final List<SearchableBucket> buckets;
  private final List<BucketIndex> held;
  private final List<SearcherManager> managers = new ArrayList<>();
  private final List<IndexSearcher> searchers = new ArrayList<>();
  private boolean closed;

  SearchableBuckets(int expected) {
    this.buckets = new ArrayList<>(expected);
    this.held = new ArrayList<>(expected);
  }

  void add(SearchableBucket bucket, BucketIndex index) {
    buckets.add(bucket);
    held.add(index);
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
