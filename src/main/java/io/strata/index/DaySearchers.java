package io.strata.index;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * The searchers of one day of a tenant, across its retention classes: a day is kept in one index
 * per class, and a search of the day reads them as one (a {@link MultiReader} over each class's
 * current reader), so that sorting and counting work as for a single index.
 *
 * <p>Each {@link #acquire} must be paired with a {@link #release} of the searcher it returned.
 */
public final class DaySearchers {

  private final List<SearcherManager> classes;
  /** What each multi-class searcher handed out holds of the class searchers; guarded by itself. */
  private final Map<IndexSearcher, IndexSearcher[]> held = new IdentityHashMap<>();

  DaySearchers(List<SearcherManager> classes) {
    this.classes = List.copyOf(classes);
  }

  /** A searcher of the whole day, as of the last refresh of each class. */
  public IndexSearcher acquire() throws IOException {
    if (classes.size() == 1) {
      return classes.getFirst().acquire();
    }
    IndexSearcher[] parts = new IndexSearcher[classes.size()];
    IndexReader[] readers = new IndexReader[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        parts[i] = classes.get(i).acquire();
        readers[i] = parts[i].getIndexReader();
      }
    } catch (IOException | RuntimeException e) {
      releaseParts(parts);
      throw e;
    }
    IndexSearcher searcher = new IndexSearcher(new MultiReader(readers, false));
    synchronized (held) {
      held.put(searcher, parts);
    }
    return searcher;
  }

  /** Gives back a searcher from {@link #acquire}. */
  public void release(IndexSearcher searcher) throws IOException {
    if (classes.size() == 1) {
      classes.getFirst().release(searcher);
      return;
    }
    IndexSearcher[] parts;
    synchronized (held) {
      parts = held.remove(searcher);
    }
    if (parts != null) {
      searcher.getIndexReader().close();
      releaseParts(parts);
    }
  }

  private void releaseParts(IndexSearcher[] parts) throws IOException {
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != null) {
        classes.get(i).release(parts[i]);
      }
    }
  }
}
