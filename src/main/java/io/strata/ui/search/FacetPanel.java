package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.strata.search.ValueCounter;
import io.strata.search.facet.FacetResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The facet sidebar: top values of service, level, host and the fields the user adds. */
class FacetPanel extends VerticalLayout {

  private final List<String> fields = new ArrayList<>(List.of("service", "level", "host"));
  private final VerticalLayout values = new VerticalLayout();
  private final BiConsumer<String, String> filter;

  /**
   * A panel that calls {@code filter} with a field and a value when one is clicked, and {@code
   * changed} when the user adds a field.
   */
  FacetPanel(BiConsumer<String, String> filter, Consumer<List<String>> changed) {
    this.filter = filter;
    setId("facets");
    setPadding(false);
    // Narrow, so that the message column gets the width at 1280 pixels.
    setWidth("12rem");
    values.setPadding(false);
    values.setSpacing(false);
    TextField add = new TextField();
    add.setId("facet-add-field");
    add.setPlaceholder("Add a field");
    add.setWidthFull();
    Button addButton = new Button("Add", e -> {
      String name = add.getValue().trim();
      if (!name.isEmpty() && !fields.contains(name) && fields.size() < 20) {
        fields.add(name);
        add.clear();
        changed.accept(fields);
      }
    });
    addButton.setId("facet-add");
    // A text field is 12em wide unless told otherwise: it would push the button out of the panel.
    add.setMinWidth("0");
    HorizontalLayout adding = new HorizontalLayout(add, addButton);
    adding.setWidthFull();
    adding.setFlexGrow(1, add);
    add(adding, values);
  }

  List<String> fields() {
    return fields;
  }

  void show(FacetResponse response) {
    values.removeAll();
    for (Map.Entry<String, List<ValueCounter.ValueCount>> facet : response.facets().entrySet()) {
      H4 title = new H4(facet.getKey());
      title.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
      values.add(title);
      for (ValueCounter.ValueCount value : facet.getValue()) {
        Button button = new Button(value.value() + "  (" + value.count() + ")",
            e -> filter.accept(facet.getKey(), value.value()));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.addClassName("facet-value");
        button.getElement().setAttribute("data-field", facet.getKey());
        button.getElement().setAttribute("data-value", value.value());
        values.add(button);
      }
    }
  }
}
