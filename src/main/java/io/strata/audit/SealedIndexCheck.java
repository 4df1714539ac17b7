package io.strata.audit;

import java.util.Map;

/**
 * Recomputes the files of a sealed index, for verification: the trail holds each seal (an {@code
 * index.seal} event with the SHA-256 of every file), and whoever keeps the indexes says whether the
 * files still match. Implemented where the indexes live, so the trail needs no index code.
 */
public interface SealedIndexCheck {

  /** What became of a sealed index. */
  enum Status {
    /** Every file has the hash its seal recorded. */
    INTACT,
    /** The index took a newer commit since (late events, an erasure): sealed again later. */
    CHANGED,
    /** The index is not on the node that sealed it. */
    ABSENT,
    /** The node that sealed the index did not answer: not verified now. */
    UNREACHABLE,
    /** A file's content differs from its seal, or a sealed file is missing. */
    TAMPERED
  }

  /** The status and, unless intact, what differs. */
  record Result(Status status, String detail) {}

  /**
   * Checks the index {@code index} ({@code day/class}) of {@code tenant} that node {@code node}
   * sealed (empty: a seal made before seals named their node, checked here) against its seal at
   * {@code generation} with {@code files} (name to SHA-256).
   */
  Result check(String tenant, String index, String node, long generation,
      Map<String, String> files);
}
