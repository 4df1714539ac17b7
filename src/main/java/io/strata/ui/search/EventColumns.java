package io.strata.ui.search;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.util.Map;

/** The columns every event grid of the console shows. */
final class EventColumns {

  private EventColumns() {}

  static Grid<Map<String, Object>> grid() {
    Grid<Map<String, Object>> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    // Fixed widths: a grid that opens empty (in a dialog, or before its first page) cannot size
    // columns from their content.
    grid.addColumn(e -> text(e, "@timestamp")).setHeader("Time").setWidth("15rem").setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(EventColumns::level)).setHeader("Level")
        .setWidth("6rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "service")).setHeader("Service").setWidth("9rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "host")).setHeader("Host").setWidth("8rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "message")).setHeader("Message").setFlexGrow(1);
    return grid;
  }

  static String text(Map<String, Object> event, String field) {
    Object value = event.get(field);
    return value == null ? "" : value.toString();
  }

  private static Span level(Map<String, Object> event) {
    String level = text(event, "level");
    Span badge = new Span(level);
    if (!level.isEmpty()) {
      badge.addClassName("level-" + level.toLowerCase(java.util.Locale.ROOT));
      badge.getStyle().set("color", "white").set("background", HistogramChart.color(level))
          .set("border-radius", "var(--lumo-border-radius-s)").set("padding", "0 0.4em")
          .set("font-size", "var(--lumo-font-size-xs)");
    }
    return badge;
  }
}
