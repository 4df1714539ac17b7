package io.strata.alerting;

/**
 * What a rule watches: a count compared with a condition ({@code threshold}), or events that stop
 * coming ({@code no_data}: a group that had events in the previous window and has none in this
 * one).
 */
enum RuleKind {
  THRESHOLD("threshold"), NO_DATA("no_data");

  private final String label;

  RuleKind(String label) {
    this.label = label;
  }

  /** The name in bodies and in the database. */
  String label() {
    return label;
  }

  /** The kind named {@code label}, or {@code null} for none. */
  static RuleKind of(String label) {
    for (RuleKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    return null;
  }
}
