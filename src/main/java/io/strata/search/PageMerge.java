package io.strata.search;

import io.strata.cluster.MissingNode;
import java.util.List;

/**
 * Merges the pages that nodes answered into the page of the cluster: newest first, the same order
 * and cursor as on one node, since an event's position (time, sequence) is the same wherever it is
 * indexed. Totals add up; an event two nodes hold (a partition that moved while its last batch was
 * not yet committed) is shown once.
 */
final class PageMerge {

  private PageMerge() {}

  static SearchService.Page merge(int limit, List<SearchService.Page> parts,
      List<MissingNode> missing) {
    SearchService.Page merged = new SearchService.Page(limit);
    int[] next = new int[parts.size()];
    Cursor taken = null;
    while (!merged.isFull()) {
      int best = -1;
      Cursor bestAt = null;
      for (int i = 0; i < parts.size(); i++) {
        SearchService.Page part = parts.get(i);
        if (next[i] < part.positions.size()) {
          Cursor at = part.positions.get(next[i]);
          if (best < 0 || newer(at, bestAt)) {
            best = i;
            bestAt = at;
          }
        }
      }
      if (best < 0) {
        break;
      }
      int index = next[best]++;
      if (bestAt.equals(taken)) {
        continue;
      }
      merged.add(parts.get(best).events.get(index), bestAt);
      taken = bestAt;
    }
    for (SearchService.Page part : parts) {
      merged.total += part.total;
      merged.exact &= part.exact;
      // A full part may hold more than it sent: when duplicates left the page short, the next
      // page must still be asked for.
      merged.more |= part.isFull();
    }
    merged.missing.addAll(missing);
    return merged;
  }

  /** Whether {@code a} comes before {@code b} newest first: later, or as late with a higher seq. */
  static boolean newer(Cursor a, Cursor b) {
    return a.timestampMillis() != b.timestampMillis() ? a.timestampMillis() > b.timestampMillis()
        : a.seq() > b.seq();
  }
}
