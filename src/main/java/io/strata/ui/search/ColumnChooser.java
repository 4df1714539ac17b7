package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Chooses the event fields shown as columns of the results, from the fields of the range searched
 * (and those already chosen, which a saved search may name though the range lacks them). Each tick
 * applies at once; the columns keep the order they were ticked in.
 */
final class ColumnChooser extends Dialog {

  /** Shown anyway: time, level and message have their own columns. */
  private static final Set<String> SHOWN = Set.of("@timestamp", "level", "message", "_id");

  private final List<String> chosen;
  private final Consumer<List<String>> changed;
  private final Div choices = new Div();
  private final List<Checkbox> boxes = new ArrayList<>();

  ColumnChooser(List<String> fieldNames, List<String> current, Consumer<List<String>> changed) {
    this.chosen = new ArrayList<>(current);
    this.changed = changed;
    setId("column-chooser");
    setHeaderTitle("Columns");
    TextField filter = new TextField();
    filter.setId("column-filter");
    filter.setPlaceholder("Filter fields");
    filter.setWidthFull();
    filter.setValueChangeMode(ValueChangeMode.LAZY);
    filter.addValueChangeListener(e -> filter(e.getValue()));
    choices.setId("column-choices");
    choices.getStyle().set("max-height", "22rem").set("overflow-y", "auto")
        .set("display", "flex").set("flex-direction", "column");
    Set<String> offered = new LinkedHashSet<>(current);
    fieldNames.stream().filter(name -> !SHOWN.contains(name)).forEach(offered::add);
    for (String field : offered) {
      Checkbox box = new Checkbox(field, chosen.contains(field));
      box.addClassName("column-choice");
      box.getElement().setAttribute("data-field", field);
      box.addValueChangeListener(e -> toggle(field, e.getValue()));
      boxes.add(box);
      choices.add(box);
    }
    if (offered.isEmpty()) {
      choices.setText("No fields in the range searched.");
    }
    add(filter, choices);
    setWidth("min(24rem, 95vw)");
    Button close = new Button("Close", e -> close());
    close.setId("column-chooser-close");
    getFooter().add(close);
  }

  private void toggle(String field, boolean on) {
    chosen.remove(field);
    if (on) {
      chosen.add(field);
    }
    changed.accept(List.copyOf(chosen));
  }

  private void filter(String text) {
    String part = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Checkbox box : boxes) {
      box.setVisible(box.getLabel().toLowerCase(Locale.ROOT).contains(part));
    }
  }
}
