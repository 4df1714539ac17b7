package io.strata.index;

/**
 * A CDI event: this node is about to delete its part of index {@code index} (retention). Fired
 * synchronously before the deletion; an observer that throws stops it, to be tried again on the
 * next run, so that what must go with the index (its bucket copy) is on record first.
 */
public record IndexDeletion(IndexId index) {}
