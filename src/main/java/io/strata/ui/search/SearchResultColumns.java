package io.strata.ui.search;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.LitRenderer;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fits the shared event columns to the Search view, where the message is what people read: the
 * time in the displayed zone and narrow, the host under the service, and the message taking the
 * rest of the width, wrapped to three lines (the whole event opens on a click on its row).
 */
final class SearchResultColumns {

  private SearchResultColumns() {}

  /**
   * Adapts {@code grid}, made by {@link EventColumns#grid()} (time, level, service, host,
   * message), to show times in {@code zone}'s current value. A grid with other columns is left as
   * it is rather than adapted wrongly.
   */
  static void adapt(Grid<Map<String, Object>> grid, Supplier<ZoneId> zone) {
    List<Grid.Column<Map<String, Object>>> columns = grid.getColumns();
    if (columns.size() != 5) {
      return;
    }
    Grid.Column<Map<String, Object>> time = columns.get(0);
    Grid.Column<Map<String, Object>> level = columns.get(1);
    Grid.Column<Map<String, Object>> service = columns.get(2);
    Grid.Column<Map<String, Object>> host = columns.get(3);
    Grid.Column<Map<String, Object>> message = columns.get(4);
    time.setRenderer(LitRenderer.<Map<String, Object>>of(
            "<span style='font-size: var(--lumo-font-size-xs); font-variant-numeric: tabular-nums'"
                + ">${item.time}</span>")
        .withProperty("time", e -> DisplayTimes.event(e.get("@timestamp"), zone.get())));
    time.setTooltipGenerator(e -> EventColumns.text(e, "@timestamp"));
    time.setWidth("10rem");
    // Wide enough for the whole badge of every level.
    level.setWidth("5rem");
    service.setRenderer(LitRenderer.<Map<String, Object>>of(
            "<div style='line-height: 1.2; overflow: hidden; text-overflow: ellipsis'>${item.service}"
                + "<div style='font-size: var(--lumo-font-size-xs);"
                + " color: var(--lumo-secondary-text-color)'>${item.host}</div></div>")
        .withProperty("service", e -> EventColumns.text(e, "service"))
        .withProperty("host", e -> EventColumns.text(e, "host")));
    service.setHeader("Service · host");
    service.setWidth("6.5rem");
    service.setTooltipGenerator(e -> EventColumns.text(e, "service") + " · "
        + EventColumns.text(e, "host"));
    host.setVisible(false);
    message.setRenderer(LitRenderer.<Map<String, Object>>of(
            "<span class='event-message' style='white-space: normal; overflow-wrap: anywhere;"
                + " display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3;"
                + " overflow: hidden'>${item.message}</span>")
        .withProperty("message", e -> EventColumns.text(e, "message")));
    message.setFlexGrow(1);
    message.setWidth("12rem");
  }
}
