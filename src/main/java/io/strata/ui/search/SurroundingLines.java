package io.strata.ui.search;

import io.strata.search.event.ContextResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines around one event, oldest first, grown a page at a time in either direction. Each page
 * is asked for around the oldest or newest line held, so the lines can reach well past the context
 * service's limit on one side.
 */
final class SurroundingLines {

  /** The context service: {@code before} older and {@code after} newer lines around {@code id}. */
  @FunctionalInterface
  interface Context {
    ContextResponse around(String id, int before, int after);
  }

  private final Context context;
  private final int page;
  private final String eventId;
  private final List<Map<String, Object>> lines = new ArrayList<>();
  private boolean olderLeft;
  private boolean newerLeft;

  /** The event {@code eventId} with up to {@code page} lines either side. */
  SurroundingLines(Context context, String eventId, int page) {
    this.context = context;
    this.page = page;
    this.eventId = eventId;
    ContextResponse first = context.around(eventId, page, page);
    lines.addAll(first.before());
    lines.add(first.event());
    lines.addAll(first.after());
    // A full page may have more behind it; a short one is all there is.
    olderLeft = first.before().size() == page;
    newerLeft = first.after().size() == page;
  }

  /** Every line held, oldest first. */
  List<Map<String, Object>> lines() {
    return lines;
  }

  /** Where the event itself is in {@link #lines()}. */
  int eventIndex() {
    for (int i = 0; i < lines.size(); i++) {
      if (eventId.equals(lines.get(i).get("_id"))) {
        return i;
      }
    }
    return 0;
  }

  boolean olderLeft() {
    return olderLeft;
  }

  boolean newerLeft() {
    return newerLeft;
  }

  /** Adds up to a page of lines before the oldest held; returns how many. */
  int loadOlder() {
    if (!olderLeft) {
      return 0;
    }
    List<Map<String, Object>> older =
        context.around((String) lines.getFirst().get("_id"), page, 0).before();
    lines.addAll(0, older);
    olderLeft = older.size() == page;
    return older.size();
  }

  /** Adds up to a page of lines after the newest held; returns how many. */
  int loadNewer() {
    if (!newerLeft) {
      return 0;
    }
    List<Map<String, Object>> newer =
        context.around((String) lines.getLast().get("_id"), 0, page).after();
    lines.addAll(newer);
    newerLeft = newer.size() == page;
    return newer.size();
  }
}
