package io.strata.audit;

/**
 * Where a chain stood when something was read from it: its head (newest sequence number and hash)
 * and its newest signed checkpoint. A report carries it so that the trail it summarises can later
 * be shown to have contained what the report says: the head's event and every one before it are
 * fixed by the hash, and the checkpoint's signature ties a hash to the platform's key.
 *
 * @param headSeq the newest sequence number, 0 for a chain without events
 * @param headHash the newest event's hash ({@link AuditHashing#GENESIS} without events)
 * @param checkpoint the newest signed checkpoint, null before the first
 * @param checkpointVerifies whether the checkpoint's signature verifies with this platform's key
 * @param keyId the id of this platform's signing key (see {@link CheckpointSigner#keyId()})
 */
public record ChainAnchor(String chain, long headSeq, String headHash,
    AuditCheckpoints.Checkpoint checkpoint, boolean checkpointVerifies, String keyId) {}
