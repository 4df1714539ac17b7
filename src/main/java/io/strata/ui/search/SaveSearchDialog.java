package io.strata.ui.search;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import io.strata.infra.http.ProblemException;
import java.util.function.Consumer;

/**
 * Asks the name to save the current search under, or a saved search's new name. A refusal (a name
 * taken, too long) is shown on the field and the dialog stays open, so the user can pick another
 * name.
 */
final class SaveSearchDialog extends Dialog {

  private final TextField name = new TextField("Name");

  SaveSearchDialog(Consumer<String> save) {
    this("save-search-dialog", "Save this search", "Save", "", save);
  }

  /** Renames {@code saved}: {@code rename} is given the new name. */
  static SaveSearchDialog renaming(String saved, Consumer<String> rename) {
    return new SaveSearchDialog("rename-search-dialog", "Rename \u201c" + saved + "\u201d",
        "Rename", saved, rename);
  }

  private SaveSearchDialog(String id, String title, String action, String initial,
      Consumer<String> save) {
    setId(id);
    setHeaderTitle(title);
    name.setValue(initial);
    name.setId("saved-search-name");
    name.setWidth("20rem");
    Button confirm = new Button(action, e -> {
      try {
        save.accept(name.getValue());
        close();
      } catch (ProblemException problem) {
        name.setInvalid(true);
        name.setErrorMessage(problem.status() == 409
            ? "A saved search named \"" + name.getValue().trim()
                + "\" already exists: choose another name."
            : problem.getMessage());
      }
    });
    confirm.setId("saved-search-confirm");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    confirm.addClickShortcut(Key.ENTER);
    add(name);
    Button cancel = new Button("Cancel", e -> close());
    cancel.setId("saved-search-cancel");
    getFooter().add(cancel, confirm);
    addOpenedChangeListener(e -> name.focus());
  }
}
