package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An event's fields as a table, as Kibana's document view shows them: name and value per row,
 * with actions to filter the search for the value or out of it, and to copy the value.
 */
final class EventFieldTable extends Div {

  EventFieldTable(Map<String, Object> event, BiConsumer<String, String> include,
      BiConsumer<String, String> exclude) {
    addClassName("event-fields");
    getStyle().set("display", "grid").set("grid-template-columns", "max-content auto 1fr")
        .set("column-gap", "var(--lumo-space-m)").set("align-items", "baseline");
    for (EventFields.Row row : EventFields.of(event)) {
      Span name = new Span(row.field());
      name.addClassName("event-field-name");
      name.getStyle().set("font-weight", "600").set("color", "var(--lumo-secondary-text-color)");
      Div actions = new Div();
      actions.getStyle().set("white-space", "nowrap");
      if (row.filterable()) {
        actions.add(action("+", "Filter for this value", "filter-for", row,
            () -> include.accept(row.field(), row.value())));
        actions.add(action("−", "Filter out this value", "filter-out", row,
            () -> exclude.accept(row.field(), row.value())));
      }
      // A word, not a symbol: the console's fonts have no copy glyph.
      actions.add(action("copy", "Copy the value", "copy-value", row, () -> copy(row.value())));
      Span value = new Span(row.value());
      value.addClassName("event-field-value");
      value.getElement().setAttribute("data-field", row.field());
      value.getStyle().set("white-space", "pre-wrap").set("word-break", "break-word")
          .set("font-family", "var(--lumo-font-family-monospace, monospace)");
      add(name, actions, value);
    }
  }

  private Button action(String label, String title, String className, EventFields.Row row,
      Runnable run) {
    Button button = new Button(label, e -> run.run());
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
    button.addClassName(className);
    button.getElement().setAttribute("title", title);
    button.getElement().setAttribute("aria-label", title + ": " + row.field());
    button.getElement().setAttribute("data-field", row.field());
    return button;
  }

  private void copy(String value) {
    // The browser copies: the value never needs to go anywhere but the user's clipboard.
    getElement().executeJs("return navigator.clipboard.writeText($0)", value)
        .then(ok -> Notification.show("Copied", 1500, Notification.Position.BOTTOM_START),
            failed -> Notification.show("The browser did not allow copying", 3000,
                Notification.Position.BOTTOM_START));
  }
}
