package io.strata.alerting;

import java.math.BigDecimal;

/**
 * The operators of a threshold rule's condition, as written in its body. The count is compared as
 * an exact decimal, so {@code > 9.5} and {@code >= 10} say the same thing of a count.
 */
enum Comparison {
  GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /** How the body writes it: {@code >}, {@code >=}, ... */
  String symbol() {
    return symbol;
  }

  /** The operator written {@code symbol}, or {@code null} for none. */
  static Comparison of(String symbol) {
    for (Comparison comparison : values()) {
      if (comparison.symbol.equals(symbol)) {
        return comparison;
      }
    }
    return null;
  }

  /** Whether {@code count op value} holds. */
  boolean holds(long count, BigDecimal value) {
    int order = BigDecimal.valueOf(count).compareTo(value);
    return switch (this) {
      case GT -> order > 0;
      case GE -> order >= 0;
      case LT -> order < 0;
      case LE -> order <= 0;
      case EQ -> order == 0;
      case NE -> order != 0;
    };
  }
}
