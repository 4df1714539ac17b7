package io.strata.ui.search;

import com.vaadin.flow.component.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The event fields the user chose to see as columns of the search grid, besides the shared ones:
 * placed before the message, which keeps the rest of the width.
 */
final class ExtraColumns {

  private static final String KEY = "field:";

  private ExtraColumns() {}

  /** Replaces the grid's extra columns with one per field of {@code fields}, in their order. */
  static void show(Grid<Map<String, Object>> grid, List<String> fields) {
    for (Grid.Column<Map<String, Object>> column : List.copyOf(grid.getColumns())) {
      if (isExtra(column)) {
        grid.removeColumn(column);
      }
    }
    List<Grid.Column<Map<String, Object>>> shared = List.copyOf(grid.getColumns());
    List<Grid.Column<Map<String, Object>>> order = new ArrayList<>(shared.subList(0,
        shared.size() - 1));
    for (String field : fields.stream().distinct().toList()) {
      order.add(grid.addColumn(e -> EventColumns.field(e, field)).setHeader(field)
          .setKey(KEY + field).setWidth("9rem").setFlexGrow(0).setResizable(true)
          .setTooltipGenerator(e -> EventColumns.field(e, field)));
    }
    order.add(shared.getLast());
    grid.setColumnOrder(order);
  }

  private static boolean isExtra(Grid.Column<?> column) {
    return column.getKey() != null && column.getKey().startsWith(KEY);
  }
}
