package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A dialog listing events oldest first, one of them marked and in sight: for traces. Times are in
 * the zone the Search view shows.
 */
class EventListDialog extends Dialog {

  EventListDialog(String id, String title, String subtitle, List<Map<String, Object>> events,
      String markedId, Supplier<ZoneId> zone) {
    setId(id);
    setHeaderTitle(title);
    setWidth("90vw");
    setHeight("80vh");
    setResizable(true);
    Grid<Map<String, Object>> grid = EventColumns.grid();
    SearchResultColumns.adapt(grid, zone);
    grid.setId(id + "-events");
    grid.setItems(events);
    grid.setPartNameGenerator(e -> markedId != null && markedId.equals(e.get("_id")) ? "marked" : null);
    grid.setSizeFull();
    if (subtitle != null) {
      add(new Span(subtitle));
    }
    add(grid);
    // Opens on the marked event, a few lines of what led to it above.
    int marked = markedId == null ? -1 : events.stream().map(e -> e.get("_id")).toList()
        .indexOf(markedId);
    if (marked > 0) {
      grid.scrollToIndex(Math.max(0, marked - 3));
    }
    getFooter().add(new Button("Close", e -> close()));
  }
}
