package io.strata.retention;

/** Where an erasure is: {@code pending → running → completed}, or one of the ends beside. */
public enum ErasureState {
  /** Waiting for its cancel window to pass; may be cancelled. */
  PENDING("pending"),
  /** Deleting; resumed after a crash. */
  RUNNING("running"),
  /** Done: the matching events are gone; the receipt says what was done. */
  COMPLETED("completed"),
  /** A legal hold covers some of the events: nothing was erased. */
  BLOCKED_BY_HOLD("blocked_by_hold"),
  /** Could not be done; the detail says why. */
  FAILED("failed"),
  /** Cancelled while pending. */
  CANCELLED("cancelled");

  private final String label;

  ErasureState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
