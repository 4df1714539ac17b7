package io.strata.ui.alerts;

import com.vaadin.flow.component.html.Span;
import java.util.Collection;
import java.util.List;

/**
 * The states an alert is shown in, from the most to the least urgent, and their colours: what
 * needs someone ({@code firing}, {@code error}) before what is waiting ({@code pending}) or
 * handled ({@code silenced}, {@code acknowledged}); a rule without alerts is {@code ok}.
 */
final class AlertStates {

  /** Most urgent first; a state not listed ranks below all of them. */
  static final List<String> BY_URGENCY =
      List.of("firing", "error", "pending", "silenced", "acknowledged", "resolved", "ok");

  private AlertStates() {}

  /** The most urgent of {@code states}; {@code ok} when there are none. */
  static String worst(Collection<String> states) {
    String worst = "ok";
    for (String state : states) {
      if (rank(state) < rank(worst)) {
        worst = state;
      }
    }
    return worst;
  }

  private static int rank(String state) {
    int rank = BY_URGENCY.indexOf(state);
    return rank < 0 ? BY_URGENCY.size() : rank;
  }

  /** A coloured label of {@code state}, for grids ({@code .alert-state[data-state]}). */
  static Span badge(String state) {
    Span badge = new Span(state);
    badge.addClassName("alert-state");
    badge.getElement().setAttribute("data-state", state);
    badge.getStyle().set("color", "white").set("background", color(state))
        .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "0 0.5em")
        .set("font-size", "var(--lumo-font-size-s)").set("font-weight", "600")
        .set("white-space", "nowrap");
    return badge;
  }

  /** The colour of a state, of a preview's {@code would} and of a silence's status. */
  static String color(String state) {
    return switch (state) {
      case "firing", "fire" -> "var(--lumo-error-color)";
      case "error" -> "#7b1fa2";
      case "pending" -> "#c77700";
      case "acknowledged", "active" -> "var(--lumo-primary-color)";
      case "silenced", "expired" -> "var(--lumo-contrast-50pct)";
      default -> "var(--lumo-success-color)";
    };
  }
}
