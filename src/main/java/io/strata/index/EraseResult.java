package io.strata.index;

/**
 * What erasing a query from one index did: the events it matched, how many are gone, how many still
 * match afterwards (0 when it worked), and the segments rewritten so that no deleted event's bytes
 * remain ({@code segmentsWithDeletions} is what still holds deleted documents afterwards: 0).
 */
public record EraseResult(long matched, long deleted, long remaining, int segmentsRewritten,
    int segmentsWithDeletions) {

  /** Nothing to erase: the index is gone. */
  public static final EraseResult NONE = new EraseResult(0, 0, 0, 0, 0);
}
