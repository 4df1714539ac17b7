package io.strata.alerting;

import java.util.Locale;

/**
 * The states of an alert (one rule and one group): {@code ok} (no row kept), {@code pending} (the
 * condition holds, waiting for {@code for}), {@code firing}, {@code acknowledged} (firing, and a
 * user said so; until it resolves), {@code resolved} (it fired and the condition stopped holding)
 * and {@code error} (the rule's query could not be evaluated).
 */
public enum AlertState {
  OK, PENDING, FIRING, ACKNOWLEDGED, RESOLVED, ERROR;

  /** The name in the API and the database: {@code ok}, {@code pending}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code label}; {@link #OK} for null. */
  public static AlertState of(String label) {
    return label == null ? OK : valueOf(label.toUpperCase(Locale.ROOT));
  }
}
