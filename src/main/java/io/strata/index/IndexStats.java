package io.strata.index;

/**
 * What one index holds as of its last commit: live events ({@code -1} when its commit cannot be
 * read), and bytes on disk.
 */
public record IndexStats(long events, long bytes) {

  /** No events, no bytes. */
  public static final IndexStats EMPTY = new IndexStats(0, 0);
}
