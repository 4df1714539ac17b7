package io.strata.search.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One node's events around an event: {@code before} newest first (walking back from it), {@code
 * after} oldest first, each with the position (time, sequence) of its events, so that the parts of
 * several nodes merge in order.
 */
public record ContextPart(Side before, Side after) {

  /** Events with their positions, in the order of the walk. */
  public record Side(List<Map<String, Object>> events, List<Long> timestamps, List<Long> seqs) {

    public Side() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    void add(Map<String, Object> event, long timestamp, long seq) {
      events.add(event);
      timestamps.add(timestamp);
      seqs.add(seq);
    }

    int size() {
      return events.size();
    }
  }

  /** The {@code n} events just before, oldest first. */
  List<Map<String, Object>> before(int n) {
    List<Map<String, Object>> events =
        new ArrayList<>(before.events().subList(0, Math.min(n, before.size())));
    Collections.reverse(events);
    return events;
  }

  /** The {@code n} events just after, oldest first. */
  List<Map<String, Object>> after(int n) {
    return List.copyOf(after.events().subList(0, Math.min(n, after.size())));
  }

  /** The parts of several nodes, each side merged in its walking order, every event once. */
  static ContextPart merge(List<ContextPart> parts) {
    return new ContextPart(
        mergeSides(parts.stream().map(ContextPart::before).toList(), true),
        mergeSides(parts.stream().map(ContextPart::after).toList(), false));
  }

  private static Side mergeSides(List<Side> sides, boolean newestFirst) {
    Side merged = new Side();
    int[] next = new int[sides.size()];
    long lastTime = 0;
    long lastSeq = 0;
    boolean any = false;
    while (true) {
      int best = -1;
      for (int i = 0; i < sides.size(); i++) {
        if (next[i] < sides.get(i).size() && (best < 0
            || comesFirst(sides.get(i), next[i], sides.get(best), next[best], newestFirst))) {
          best = i;
        }
      }
      if (best < 0) {
        return merged;
      }
      Side side = sides.get(best);
      int index = next[best]++;
      long time = side.timestamps().get(index);
      long seq = side.seqs().get(index);
      if (any && time == lastTime && seq == lastSeq) {
        continue; // the same event held by two nodes
      }
      merged.add(side.events().get(index), time, seq);
      lastTime = time;
      lastSeq = seq;
      any = true;
    }
  }

  private static boolean comesFirst(Side a, int i, Side b, int j, boolean newestFirst) {
    long ta = a.timestamps().get(i);
    long tb = b.timestamps().get(j);
    int order = ta != tb ? Long.compare(ta, tb) : Long.compare(a.seqs().get(i), b.seqs().get(j));
    return newestFirst ? order > 0 : order < 0;
  }
}
