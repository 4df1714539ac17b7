package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.infra.http.ProblemException;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.IntSupplier;

/**
 * An event's surrounding lines: opens on the event itself, marked and scrolled into view, with
 * buttons that page in older and newer lines of the same source.
 */
class ContextDialog extends Dialog {

  /** Lines shown above the one scrolled to, so that what led to it is in sight too. */
  private static final int LEAD = 3;

  private final SurroundingLines lines;
  private final Grid<Map<String, Object>> grid = EventColumns.grid();
  private final Button older = new Button("Load older");
  private final Button newer = new Button("Load newer");

  /**
   * @param lines the event and its first lines
   * @param subtitle where the lines come from
   * @param zone the zone the Search view shows times in
   */
  ContextDialog(SurroundingLines lines, String subtitle, Supplier<ZoneId> zone) {
    this.lines = lines;
    SearchResultColumns.adapt(grid, zone);
    setId("context-dialog");
    setHeaderTitle("Surrounding lines");
    setWidth("90vw");
    setHeight("80vh");
    setResizable(true);
    String eventId = (String) lines.lines().get(lines.eventIndex()).get("_id");
    grid.setId("context-dialog-events");
    grid.setItems(lines.lines());
    grid.setPartNameGenerator(e -> eventId.equals(e.get("_id")) ? "marked" : null);
    grid.setSizeFull();
    older.setId("context-load-older");
    // The new lines end just above those already read, or start just below them.
    older.addClickListener(e -> load(lines::loadOlder));
    newer.setId("context-load-newer");
    newer.addClickListener(e -> load(() -> {
      int held = lines.lines().size();
      lines.loadNewer();
      return held;
    }));
    // The grid takes what the subtitle leaves: the dialog itself never scrolls.
    VerticalLayout body = new VerticalLayout(new Span(subtitle), grid);
    body.setPadding(false);
    body.setSizeFull();
    body.expand(grid);
    add(body);
    getHeader().add(older, newer);
    getFooter().add(new Button("Close", e -> close()));
    refresh();
    // The grid scrolls once it is in the browser.
    scrollTo(lines.eventIndex());
  }

  /** Loads a page, then shows the row {@code page} names: where the new lines meet the old. */
  private void load(IntSupplier page) {
    int seam;
    try {
      seam = page.getAsInt();
    } catch (ProblemException e) {
      SearchView.problem(e);
      return;
    }
    refresh();
    scrollTo(seam);
  }

  private void refresh() {
    grid.getDataProvider().refreshAll();
    older.setEnabled(lines.olderLeft());
    newer.setEnabled(lines.newerLeft());
  }

  /** Scrolls so that row {@code index} is in sight with a few lines above it. */
  private void scrollTo(int index) {
    grid.scrollToIndex(Math.max(0, index - LEAD));
  }
}
