package io.strata.ui.alerts;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.strata.infra.http.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a service's problem where the user looks: next to the form field its {@code field}
 * extension names (as the API's 400 names it), or as a notification when no field of the form is
 * named.
 */
final class Problems {

  private final Map<String, HasValidation> fields = new LinkedHashMap<>();

  /** Shows problems naming {@code field} (or a member under it, {@code condition.op}) on {@code input}. */
  Problems on(String field, HasValidation input) {
    // The form says what is invalid, from the service's answer, not the field's own checks.
    input.setManualValidation(true);
    fields.put(field, input);
    return this;
  }

  /** Clears every field's error. */
  void clear() {
    fields.values().forEach(input -> {
      input.setInvalid(false);
      input.setErrorMessage(null);
    });
  }

  /** Shows {@code problem} next to its field, or as a notification; clears the others first. */
  void show(ProblemException problem) {
    if (!mark(problem)) {
      error(problem.getMessage());
    }
  }

  /**
   * Shows {@code problem} next to its field, clearing the others first; false (and nothing shown)
   * when it names no field of the form.
   */
  boolean mark(ProblemException problem) {
    clear();
    HasValidation input = field(problem);
    if (input == null) {
      return false;
    }
    input.setErrorMessage(problem.getMessage());
    input.setInvalid(true);
    return true;
  }

  /** The input of the field {@code problem} names: exactly, or the nearest enclosing member. */
  HasValidation field(ProblemException problem) {
    Object named = problem.extensions().get("field");
    if (named == null) {
      return null;
    }
    String field = named.toString();
    while (true) {
      HasValidation input = fields.get(field);
      if (input != null) {
        return input;
      }
      int dot = field.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      field = field.substring(0, dot);
    }
  }

  /** A notification of {@code message} in the error colour. */
  static void error(String message) {
    Notification.show(message, 6000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  /** A short notification that something worked. */
  static void done(String message) {
    Notification.show(message, 3000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }
}
