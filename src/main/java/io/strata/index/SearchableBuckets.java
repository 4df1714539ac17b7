package io.strata.index;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The day indexes a search reads, newest first; they stay open (an idle close waits) until this is
 * closed.
 */
public final class SearchableBuckets implements AutoCloseable, Iterable<SearchableBucket> {

  private final List<SearchableBucket> buckets;
  private final List<BucketIndex> held;
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

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      held.forEach(BucketIndex::release);
    }
  }
}
