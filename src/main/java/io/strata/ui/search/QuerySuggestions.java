package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import java.util.List;
import java.util.function.Consumer;

/**
 * A row of field names under the query box that complete the word being typed: a click replaces it
 * with {@code name:}. The names are those of the range last searched, so typing asks nothing of the
 * server's indexes.
 */
final class QuerySuggestions extends FlexLayout {

  private static final int MAX = 8;

  private final Consumer<String> completed;
  private List<String> names = List.of();

  /** Calls {@code completed} with the query completed by the field name clicked. */
  QuerySuggestions(Consumer<String> completed) {
    this.completed = completed;
    setId("query-suggestions");
    setFlexWrap(FlexWrap.WRAP);
    setAlignItems(FlexComponent.Alignment.BASELINE);
    getStyle().set("gap", "var(--lumo-space-xs)").set("font-size", "var(--lumo-font-size-s)");
    setVisible(false);
  }

  void names(List<String> fieldNames) {
    names = List.copyOf(fieldNames);
  }

  /** Shows the completions of {@code text}, or nothing when it has none. */
  void update(String text) {
    removeAll();
    List<String> matches = FieldNameCompletion.suggest(text, names, MAX);
    setVisible(!matches.isEmpty());
    if (matches.isEmpty()) {
      return;
    }
    Span label = new Span("Fields:");
    label.getStyle().set("color", "var(--lumo-secondary-text-color)");
    add(label);
    for (String name : matches) {
      Button button = new Button(name + ":", e -> {
        clear();
        completed.accept(FieldNameCompletion.complete(text, name));
      });
      button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
      button.addClassName("query-suggestion");
      button.getElement().setAttribute("data-field", name);
      add(button);
    }
  }

  void clear() {
    removeAll();
    setVisible(false);
  }
}
