package io.strata.index;

import java.util.SortedMap;

/**
 * What a sealed index is made of: the commit it was sealed at, its live events, and the SHA-256 of
 * every file of that commit (the segments file included), by name.
 */
public record SealedFiles(long generation, long events, SortedMap<String, String> sha256) {}
