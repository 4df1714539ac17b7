package io.strata.index;

import java.nio.file.Path;
import java.util.SortedMap;

/**
 * One commit of an index, for copying: its generation, its live events, the Kafka positions it
 * records (topic partition to next offset), and its files (the segments file included) by name,
 * with where each can be read.
 */
public record CommitFiles(long generation, long events, java.util.Map<String, Long> offsets,
    SortedMap<String, Path> files) {}
