package io.strata.ui.search;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.util.Map;

/** The columns every event grid of the console shows: search, context, trace and live tail. */
public final class EventColumns {

  private EventColumns() {}

  /** An empty grid of events with the console's columns. */
  public static Grid<Map<String, Object>> grid() {
    Grid<Map<String, Object>> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    // Fixed widths: a grid that opens empty (in a dialog, or before its first page) cannot size
    // columns from their content.
    grid.addColumn(e -> text(e, "@timestamp")).setHeader("Time").setWidth("15rem").setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(e -> LevelBadge.of(text(e, "level")))).setHeader("Level")
        .setWidth("6rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "service")).setHeader("Service").setWidth("9rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "host")).setHeader("Host").setWidth("8rem").setFlexGrow(0);
    grid.addColumn(e -> text(e, "message")).setHeader("Message").setFlexGrow(1);
    return grid;
  }

  /**
   * The field as text, {@code a.b} found either as such or as {@code b} of an object {@code a} (as
   * the event was sent); empty when the event has none.
   */
  public static String field(Map<String, Object> event, String name) {
    Object value = lookup(event, name);
    return value == null ? "" : value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Object lookup(Map<String, Object> object, String name) {
    Object value = object.get(name);
    for (int dot = name.indexOf('.'); value == null && dot > 0; dot = name.indexOf('.', dot + 1)) {
      if (object.get(name.substring(0, dot)) instanceof Map<?, ?> inner) {
        value = lookup((Map<String, Object>) inner, name.substring(dot + 1));
      }
    }
    return value;
  }

  /** The field as text; empty when the event has none. */
  public static String text(Map<String, Object> event, String field) {
    Object value = event.get(field);
    return value == null ? "" : value.toString();
  }
}
