package io.strata.ui.search;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.search.ValueCounter;
import io.strata.search.facet.FacetResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The facet sidebar: top values of service, level, host and the fields the user adds, each value
 * with "+" (only this value) and "−" (all but this value). Fields are added from a list of the
 * fields present in the range, or typed.
 */
class FacetPanel extends VerticalLayout {

  private final List<String> fields = new ArrayList<>(List.of("service", "level", "host"));
  private final VerticalLayout values = new VerticalLayout();
  private final ComboBox<String> add = new ComboBox<>();
  private final BiConsumer<String, String> include;
  private final BiConsumer<String, String> exclude;

  /**
   * A panel that calls {@code include} or {@code exclude} with a field and a value, and {@code
   * changed} when the user adds a field.
   */
  FacetPanel(BiConsumer<String, String> include, BiConsumer<String, String> exclude,
      Consumer<List<String>> changed) {
    this.include = include;
    this.exclude = exclude;
    setId("facets");
    setPadding(false);
    // Narrow, so that the message column gets the width at 1280 pixels.
    setWidth("12rem");
    values.setPadding(false);
    values.setSpacing(false);
    add.setId("facet-add-field");
    add.setPlaceholder("Add a field");
    add.setWidthFull();
    // A field the catalog does not list yet (its day index not searched) can still be typed.
    add.setAllowCustomValue(true);
    add.addCustomValueSetListener(e -> add.setValue(e.getDetail()));
    Button addButton = new Button("Add", e -> {
      String name = add.getValue() == null ? "" : add.getValue().trim();
      if (!name.isEmpty() && !fields.contains(name) && fields.size() < 20) {
        fields.add(name);
        add.clear();
        changed.accept(fields);
      }
    });
    addButton.setId("facet-add");
    // A combo box is 12em wide unless told otherwise: it would push the button out of the panel.
    add.setMinWidth("0");
    HorizontalLayout adding = new HorizontalLayout(add, addButton);
    adding.setWidthFull();
    adding.setFlexGrow(1, add);
    add(adding, values);
  }

  List<String> fields() {
    return fields;
  }

  /** The field names to offer when adding a field: those of the range searched. */
  void fieldNames(List<String> names) {
    add.setItems(names);
  }

  void show(FacetResponse response) {
    values.removeAll();
    for (Map.Entry<String, List<ValueCounter.ValueCount>> facet : response.facets().entrySet()) {
      H4 title = new H4(facet.getKey());
      title.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
      values.add(title);
      for (ValueCounter.ValueCount value : facet.getValue()) {
        values.add(row(facet.getKey(), value));
      }
    }
  }

  private HorizontalLayout row(String field, ValueCounter.ValueCount value) {
    Button button = new Button(value.value() + "  (" + value.count() + ")",
        e -> include.accept(field, value.value()));
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    button.addClassName("facet-value");
    mark(button, field, value.value());
    button.setMinWidth("0");
    button.getStyle().set("overflow", "hidden").set("text-overflow", "ellipsis")
        .set("justify-content", "flex-start");
    button.setTooltipText(value.value());
    Button plus = small("+", "facet-include", "Only " + field + " " + value.value(),
        () -> include.accept(field, value.value()));
    Button minus = small("−", "facet-exclude", "All but " + field + " " + value.value(),
        () -> exclude.accept(field, value.value()));
    mark(plus, field, value.value());
    mark(minus, field, value.value());
    HorizontalLayout row = new HorizontalLayout(button, plus, minus);
    row.setWidthFull();
    row.setSpacing(false);
    row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    row.setFlexGrow(1, button);
    return row;
  }

  private static Button small(String text, String className, String tooltip, Runnable action) {
    Button button = new Button(text, e -> action.run());
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL,
        ButtonVariant.LUMO_ICON);
    button.addClassName(className);
    button.setTooltipText(tooltip);
    button.getElement().setAttribute("aria-label", tooltip);
    return button;
  }

  private static void mark(Button button, String field, String value) {
    button.getElement().setAttribute("data-field", field);
    button.getElement().setAttribute("data-value", value);
  }
}
