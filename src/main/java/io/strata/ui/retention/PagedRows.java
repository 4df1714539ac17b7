package io.strata.ui.retention;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import io.strata.retention.ListCursor;
import io.strata.retention.ListPage;
import io.strata.retention.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A grid of a newest-first listing shown a page at a time, with a button under it that appends
 * the next older page: a tenant with thousands of erasures or holds gets a view that opens at once.
 * The API's keyset cursor carries over, so rows added meanwhile never repeat or shift a page.
 */
final class PagedRows<T> {

  private final Grid<T> grid;
  private final int pageSize;
  private final Function<PageRequest, ListPage<T>> fetch;
  private final Button older;
  private final List<T> rows = new ArrayList<>();
  private ListCursor next;

  PagedRows(Grid<T> grid, int pageSize, String olderId, String olderLabel,
      Function<PageRequest, ListPage<T>> fetch) {
    this.grid = grid;
    this.pageSize = pageSize;
    this.fetch = fetch;
    this.older = new Button(olderLabel, e -> loadOlder());
    older.setId(olderId);
    older.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    older.setVisible(false);
  }

  /** The button that shows the next older page; hidden when there is none. */
  Button olderButton() {
    return older;
  }

  /** Shows the newest page again, dropping the older pages shown. */
  void reload() {
    rows.clear();
    next = null;
    append(fetch.apply(new PageRequest(pageSize, null)));
  }

  private void loadOlder() {
    if (next != null) {
      append(fetch.apply(new PageRequest(pageSize, next)));
    }
  }

  private void append(ListPage<T> page) {
    rows.addAll(page.rows());
    next = page.next();
    grid.setItems(rows);
    older.setVisible(next != null);
  }
}
