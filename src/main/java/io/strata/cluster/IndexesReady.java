package io.strata.cluster;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node's indexes may answer reads yet. A node killed after committing records that
 * Kafka had not recorded as consumed comes back holding copies of events that the partition's
 * next owner indexed too; until it has dropped them, its indexes would count those events twice,
 * so until then its part of a read is missing (the read says {@code partial}) rather than wrong.
 */
@ApplicationScoped
public class IndexesReady {

  private volatile boolean ready;

  /** Opens this node's indexes to reads. */
  public void open() {
    ready = true;
  }

  /** Whether this node's indexes answer reads. */
  public boolean isOpen() {
    return ready;
  }
}
