package io.strata.parsing;

/**
 * A line that stops a regular expression running past a deadline: Java's regex engine reads its
 * input only through {@link #charAt}, so counting those calls bounds a rule's work without a
 * thread per match. A pattern that backtracks catastrophically on some line then costs that line
 * its rule, not the indexer its throughput.
 *
 * <p>Caution: not thread-safe; reset per line with {@link #reset}.
 */
final class DeadlineText implements CharSequence {

  /** Thrown from {@link #charAt} once the deadline has passed. */
  static final class Expired extends RuntimeException {
    Expired() {
      super("the rule ran out of time", null, false, false);
    }
  }

  // Reading the clock costs ~20 ns; a regex step costs ~1. Look every few thousand steps.
  private static final int CHECK_EVERY = 4096;

  private String text;
  private long deadlineNanos;
  private int countdown;

  /** Starts a match over {@code line} that may last {@code budgetNanos}. */
  DeadlineText reset(String line, long budgetNanos) {
    this.text = line;
    this.deadlineNanos = System.nanoTime() + budgetNanos;
    this.countdown = CHECK_EVERY;
    return this;
  }

  @Override
  public char charAt(int index) {
    if (--countdown == 0) {
      countdown = CHECK_EVERY;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new Expired();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
