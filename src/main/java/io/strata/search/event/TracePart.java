package io.strata.search.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node's events of a trace, oldest first, with the position (time, sequence) of each, how many
 * events of the range carry the id, and the times of the first and last of them it read.
 */
public record TracePart(List<Map<String, Object>> events, long[] timestamps, long[] seqs,
    long total, long first, long last) {

  static TracePart of(List<Map<String, Object>> events, List<long[]> positions, long total,
      long first, long last) {
    long[] timestamps = new long[positions.size()];
    long[] seqs = new long[positions.size()];
    for (int i = 0; i < positions.size(); i++) {
      timestamps[i] = positions.get(i)[0];
      seqs[i] = positions.get(i)[1];
    }
    return new TracePart(events, timestamps, seqs, total, first, last);
  }

  /**
   * The parts of several nodes merged oldest first, at most {@code max} events; an event two
   * nodes hold (a partition that moved) is kept once.
   */
  static TracePart merge(List<TracePart> parts, int max) {
    List<Map<String, Object>> events = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    int[] next = new int[parts.size()];
    long total = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (TracePart part : parts) {
      total += part.total();
      first = Math.min(first, part.first());
      last = Math.max(last, part.last());
    }
    long[] taken = null;
    while (events.size() < max) {
      int best = -1;
      for (int i = 0; i < parts.size(); i++) {
        TracePart part = parts.get(i);
        if (next[i] < part.timestamps().length && (best < 0
            || older(part, next[i], parts.get(best), next[best]))) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      TracePart part = parts.get(best);
      int index = next[best]++;
      long[] at = {part.timestamps()[index], part.seqs()[index]};
      if (taken != null && taken[0] == at[0] && taken[1] == at[1]) {
        continue;
      }
      events.add(part.events().get(index));
      positions.add(at);
      taken = at;
    }
    return of(events, positions, total, first, last);
  }

  private static boolean older(TracePart a, int i, TracePart b, int j) {
    return a.timestamps()[i] != b.timestamps()[j] ? a.timestamps()[i] < b.timestamps()[j]
        : a.seqs()[i] < b.seqs()[j];
  }
}
