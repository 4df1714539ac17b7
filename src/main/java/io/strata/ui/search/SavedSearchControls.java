package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.strata.infra.http.ProblemException;
import io.strata.savedsearch.SavedSearch;
import io.strata.savedsearch.SavedSearchRequest;
import io.strata.savedsearch.SavedSearchRules;
import io.strata.savedsearch.SavedSearchService;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The toolbar's saved searches: "Saved" lists the tenant's searches to open (and, for writers,
 * rename or delete); "Save" names the current search, with its columns, and keeps it. Both go through {@link
 * SavedSearchService} with the rules of the API, so they are checked and audited the same way.
 * Auditors are read-only: they get no "Save" and no delete, and the service refuses them anyway.
 */
final class SavedSearchControls extends HorizontalLayout {

  private final SavedSearchService searches;
  private final EventFilters filters;
  private final ConsoleUser user;
  private final Supplier<CurrentSearch> current;
  private final Consumer<SavedSearch> open;

  SavedSearchControls(SavedSearchService searches, EventFilters filters, ConsoleUser user,
      Supplier<CurrentSearch> current, Consumer<SavedSearch> open) {
    this.searches = searches;
    this.filters = filters;
    this.user = user;
    this.current = current;
    this.open = open;
    setSpacing(false);
    getStyle().set("gap", "var(--lumo-space-xs)");
    Button list = new Button("Saved", e -> openList());
    list.setId("saved-searches");
    list.setTooltipText("Open one of this tenant's saved searches");
    add(list);
    if (!user.readOnly()) {
      Button save = new Button("Save", e -> new SaveSearchDialog(this::save).open());
      save.setId("save-search");
      save.setTooltipText("Save the query and range shown, under a name");
      add(save);
    }
  }

  private void openList() {
    List<SavedSearch> all;
    try {
      all = Blocking.await(() -> searches.list(user.tenant()));
    } catch (ProblemException e) {
      SearchView.problem(e);
      return;
    }
    new SavedSearchDialog(all, open, user.readOnly() ? null : this::rename,
        user.readOnly() ? null : this::delete).open();
  }

  /** Saves the current search as {@code name}; a problem (a name taken: 409) is thrown. */
  private void save(String name) {
    CurrentSearch search = current.get();
    SavedSearchRules.Valid valid = checked(new SavedSearchRequest(name, search.q(), search.from(),
        search.to(), search.columns().isEmpty() ? null : search.columns()));
    Blocking.await(() -> searches.create(user.caller(), user.name(), valid));
    Notification.show("Saved as \"" + valid.name() + "\"", 3000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  /**
   * Gives {@code search} a new name, all else kept, through the API's replace (audited as {@code
   * saved_search.update}); a problem (a name taken: 409) is thrown.
   */
  private SavedSearch rename(SavedSearch search, String name) {
    SavedSearchRules.Valid valid = checked(new SavedSearchRequest(name, search.q, search.from,
        search.to, search.columnList()));
    SavedSearch renamed = Blocking.await(() -> searches.replace(user.caller(), search.id, valid));
    Notification.show("Renamed to \"" + renamed.name + "\"", 3000,
        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    return renamed;
  }

  /** {@code request} under the API's rules, its query parsed as the API parses it. */
  private SavedSearchRules.Valid checked(SavedSearchRequest request) {
    SavedSearchRules.Valid valid = SavedSearchRules.check(request, System.currentTimeMillis());
    if (!valid.q().isBlank()) {
      try {
        filters.query(valid.q());
      } catch (QueryException e) {
        throw e.inField("q");
      }
    }
    return valid;
  }

  private void delete(SavedSearch search) {
    Blocking.await(() -> searches.delete(user.caller(), search.id));
    Notification.show("Deleted \"" + search.name + "\"", 3000, Notification.Position.TOP_CENTER);
  }
}
