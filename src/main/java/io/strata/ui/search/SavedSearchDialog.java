package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.strata.infra.http.ProblemException;
import io.strata.savedsearch.SavedSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The tenant's saved searches, by name: each opens, and is renamed and deleted when {@code rename}
 * and {@code delete} are given.
 */
final class SavedSearchDialog extends Dialog {

  private final List<SavedSearch> shown;
  private final Grid<SavedSearch> grid = new Grid<>();

  SavedSearchDialog(List<SavedSearch> all, Consumer<SavedSearch> open,
      BiFunction<SavedSearch, String, SavedSearch> rename, Consumer<SavedSearch> delete) {
    this.shown = new ArrayList<>(all);
    setId("saved-searches-dialog");
    setHeaderTitle("Saved searches");
    setWidth("min(56rem, 95vw)");
    grid.setId("saved-search-list");
    grid.addColumn(s -> s.name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(s -> s.q).setHeader("Query").setFlexGrow(1);
    grid.addColumn(SavedSearchDialog::range).setHeader("Range").setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(s -> s.columnList() == null ? "" : String.join(", ", s.columnList()))
        .setHeader("Columns").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(s -> actions(s, open, rename, delete)).setAutoWidth(true)
        .setFlexGrow(0);
    grid.setItems(shown);
    grid.setAllRowsVisible(true);
    grid.setEmptyStateText("No saved searches yet: search, then \"Save\".");
    add(grid);
    Button closeButton = new Button("Close", e -> close());
    closeButton.setId("saved-searches-close");
    getFooter().add(closeButton);
  }

  private HorizontalLayout actions(SavedSearch search, Consumer<SavedSearch> open,
      BiFunction<SavedSearch, String, SavedSearch> rename, Consumer<SavedSearch> delete) {
    Button openButton = new Button("Open", e -> {
      close();
      open.accept(search);
    });
    openButton.addClassName("open-saved-search");
    openButton.getElement().setAttribute("data-name", search.name);
    openButton.addThemeVariants(ButtonVariant.LUMO_SMALL);
    HorizontalLayout actions = new HorizontalLayout(openButton);
    if (rename != null) {
      Button renameButton = new Button("Rename", e -> SaveSearchDialog.renaming(search.name,
          name -> {
            // A refusal is thrown on to the name dialog, which shows it and stays open.
            SavedSearch renamed = rename.apply(search, name);
            shown.set(shown.indexOf(search), renamed);
            grid.getDataProvider().refreshAll();
          }).open());
      renameButton.addClassName("rename-saved-search");
      renameButton.getElement().setAttribute("data-name", search.name);
      renameButton.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
      actions.add(renameButton);
    }
    if (delete != null) {
      Button deleteButton = new Button("Delete", e -> {
        try {
          delete.accept(search);
          shown.remove(search);
          grid.getDataProvider().refreshAll();
        } catch (ProblemException problem) {
          SearchView.problem(problem);
        }
      });
      deleteButton.addClassName("delete-saved-search");
      deleteButton.getElement().setAttribute("data-name", search.name);
      deleteButton.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR,
          ButtonVariant.LUMO_TERTIARY);
      actions.add(deleteButton);
    }
    return actions;
  }

  private static String range(SavedSearch search) {
    String from = search.from == null ? "now-24h" : search.from;
    String to = search.to == null ? "now" : search.to;
    return from + " → " + to;
  }
}
