package io.strata.index;

import java.util.SortedMap;

/**
 * An index's commit held for copying: its generation, its live events, and its files (the segments
 * file included) by name, each a hard link that stays readable after Lucene deletes the original
 * for a newer commit.
 */
public record PinnedCommit(long generation, long events, SortedMap<String, java.nio.file.Path> files) {}
