package io.strata.integrity;

import io.strata.index.IndexId;

/**
 * A CDI event: this node has sealed {@code index} at commit {@code generation} and recorded the seal
 * in {@code index_seals}. Fired on the sealer's thread; an observer must not block it for long.
 */
public record IndexSealed(IndexId index, long generation) {}
