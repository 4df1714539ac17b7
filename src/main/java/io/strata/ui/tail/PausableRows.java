package io.strata.ui.tail;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * The tail's rows, newest first and at most {@code keep} of them. While paused, new events are held
 * back rather than shown, so the rows stand still under the reader's eyes, and join them on resume,
 * as in Grafana's Explore; of those held, only the newest {@code keep} can ever be shown, so only
 * they are kept.
 */
final class PausableRows {

  private final Deque<Map<String, Object>> shown = new ArrayDeque<>();
  private final Deque<Map<String, Object>> held = new ArrayDeque<>();
  private int keep;
  private boolean paused;

  PausableRows(int keep) {
    this.keep = keep;
  }

  /** What the grid shows. */
  Collection<Map<String, Object>> shown() {
    return shown;
  }

  /** Adds a new event; true when it is shown now, false when it is held for the resume. */
  boolean add(Map<String, Object> event) {
    Deque<Map<String, Object>> into = paused ? held : shown;
    into.addFirst(event);
    trim(into);
    return !paused;
  }

  void pause() {
    paused = true;
  }

  /** Shows what came while paused. */
  void resume() {
    paused = false;
    while (!held.isEmpty()) {
      shown.addFirst(held.removeLast());
    }
    trim(shown);
  }

  void keep(int rows) {
    keep = rows;
    trim(shown);
    trim(held);
  }

  void clear() {
    shown.clear();
    held.clear();
    paused = false;
  }

  private void trim(Deque<Map<String, Object>> rows) {
    while (rows.size() > keep) {
      rows.removeLast();
    }
  }
}
