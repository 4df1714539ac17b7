package io.strata.index;

import java.util.Map;

/**
 * A consistent cut of a node's indexes: every index committed at one instant, and, per topic
 * partition, the offset below which every record is in them ({@code offsets}). {@code commits}
 * holds the indexes whose last commit changed since the cut the caller already has, pinned.
 */
public record IndexSnapshot(Map<String, Long> offsets, Map<IndexId, CommitFiles> commits) {}
