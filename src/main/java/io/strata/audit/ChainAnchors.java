package io.strata.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Reads the {@link ChainAnchor} of a chain: its head and newest checkpoint, checked. */
@ApplicationScoped
public class ChainAnchors {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AuditReader reader;
  private final AuditCheckpoints checkpoints;
  private final CheckpointSigner signer;

  ChainAnchors(AuditReader reader, AuditCheckpoints checkpoints, CheckpointSigner signer) {
    this.reader = reader;
    this.checkpoints = checkpoints;
    this.signer = signer;
  }

  /** The anchor of {@code chain} now. Blocking: call it on a worker thread. */
  public ChainAnchor of(String chain) {
    ChainStore.Head head = reader.head(chain).await().atMost(WAIT);
    AuditCheckpoints.Checkpoint latest = checkpoints.latest(chain).await().atMost(WAIT);
    boolean verifies = latest != null && latest.keyId().equals(signer.keyId())
        && signer.verify(chain, latest.seq(), latest.hash(), latest.time(), latest.signature());
    return new ChainAnchor(chain, head == null ? 0 : head.seq(),
        head == null ? AuditHashing.GENESIS : head.hash(), latest, verifies, signer.keyId());
  }
}
