package io.strata.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes a chain's hashes and checks that each event follows the one before: same sequence plus
 * one, its {@code prev_hash} the hash of that event, its own hash that of its content. A changed
 * row, a removed row or a rewritten stretch shows at its sequence number; the chain's recorded head
 * must be its last event.
 */
@ApplicationScoped
public class AuditVerifier {

  private static final int PAGE = 10_000;
  private static final Duration WAIT = Duration.ofMinutes(1);
  /** Past this many findings the rest of a broken chain says nothing new. */
  private static final int MAX_PROBLEMS = 100;

  private final AuditReader reader;
  private final AuditCheckpoints checkpoints;
  private final CheckpointSigner signer;

  AuditVerifier(AuditReader reader, AuditCheckpoints checkpoints, CheckpointSigner signer) {
    this.reader = reader;
    this.checkpoints = checkpoints;
    this.signer = signer;
  }

  /**
   * Verifies the events of {@code chain} from {@code from} on (all when null) up to {@code to} (the
   * end when null). Blocking: call it on a worker thread.
   */
  public AuditVerification verify(String chain, Instant from, Instant to) {
    List<AuditVerification.Problem> problems = new ArrayList<>();
    long start = 1;
    if (from != null) {
      Long first = reader.firstSeqAtOrAfter(chain, from).await().atMost(WAIT);
      if (first == null) {
        return new AuditVerification(0, 0, true, List.of(), 0);
      }
      start = first;
    }
    List<AuditCheckpoints.Checkpoint> signed = checkpoints.of(chain, start).await().atMost(WAIT);
    int nextCheckpoint = 0;
    for (AuditCheckpoints.Checkpoint checkpoint : signed) {
      if (!checkpoint.keyId().equals(signer.keyId())) {
        problems.add(new AuditVerification.Problem("signature", checkpoint.seq(), null,
            "the checkpoint was signed by key " + checkpoint.keyId() + ", not by this platform's "
                + signer.keyId()));
      } else if (!signer.verify(chain, checkpoint.seq(), checkpoint.hash(), checkpoint.time(),
          checkpoint.signature())) {
        problems.add(new AuditVerification.Problem("signature", checkpoint.seq(), null,
            "the checkpoint's signature does not verify"));
      }
    }
    long verified = 0;
    long expectedSeq = start;
    String expectedPrev = null; // unknown before the first event read, unless it is the first
    AuditRecord last = null;
    boolean done = false;
    long maxSeq = reader.maxSeq(chain).await().atMost(WAIT);
    long pageStart = start;
    java.util.concurrent.CompletableFuture<List<AuditRecord>> fetching =
        reader.inOrder(chain, pageStart, PAGE).subscribeAsCompletionStage();
    while (!done) {
      List<AuditRecord> page = fetching.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
          .join();
      pageStart += PAGE;
      // The next page is read while this one is hashed.
      fetching = pageStart > maxSeq ? null
          : reader.inOrder(chain, pageStart, PAGE).subscribeAsCompletionStage();
      for (AuditRecord record : page) {
        if (to != null && record.time().isAfter(to)) {
          done = true;
          break;
        }
        if (record.seq() != expectedSeq) {
          problems.add(new AuditVerification.Problem("chain", expectedSeq, null,
              "events " + expectedSeq + " to " + (record.seq() - 1) + " are missing"));
        }
        if (record.seq() == 1 && !AuditHashing.GENESIS.equals(record.prevHash())) {
          problems.add(new AuditVerification.Problem("chain", record.seq(), null,
              "the first event does not start the chain"));
        } else if (expectedPrev != null && !expectedPrev.equals(record.prevHash())) {
          problems.add(new AuditVerification.Problem("chain", record.seq(), null,
              "prev_hash does not match the hash of the event before"));
        }
        String computed = AuditHashing.hash(record.prevHash(), record);
        if (!computed.equals(record.hash())) {
          problems.add(new AuditVerification.Problem("chain", record.seq(), null,
              "the event's content does not match its hash"));
        }
        while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).seq() < record.seq()) {
          nextCheckpoint++; // its event is missing: reported as a gap above
        }
        if (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).seq() == record.seq()) {
          AuditCheckpoints.Checkpoint checkpoint = signed.get(nextCheckpoint++);
          if (!checkpoint.hash().equals(record.hash())) {
            problems.add(new AuditVerification.Problem("signature", record.seq(), null,
                "the chain was rewritten: event " + record.seq() + " no longer has the hash"
                    + " signed at " + checkpoint.time()));
          }
        }
        // A changed event shows once, at its place; the next links to the hash it recorded.
        expectedPrev = record.hash();
        expectedSeq = record.seq() + 1;
        last = record;
        verified++;
        if (problems.size() >= MAX_PROBLEMS) {
          done = true;
          break;
        }
      }
      if (fetching == null) {
        done = true;
      }
    }
    if (to == null && last != null && nextCheckpoint < signed.size()) {
      problems.add(new AuditVerification.Problem("chain", signed.getLast().seq(), null,
          "events up to " + signed.getLast().seq() + " were signed, but the chain ends at "
              + last.seq()));
    }
    if (to == null && problems.size() < MAX_PROBLEMS) {
      ChainStore.Head head = reader.head(chain).await().atMost(WAIT);
      if (head != null && last != null && (head.seq() != last.seq() || !head.hash().equals(last.hash()))) {
        problems.add(new AuditVerification.Problem("chain", head.seq(), null,
            "the chain's head is event " + head.seq() + " but its last event is " + last.seq()));
      } else if (head != null && last == null && from == null && head.seq() > 0) {
        problems.add(new AuditVerification.Problem("chain", 1L, null,
            "the chain's head names event " + head.seq() + " but the chain has no event"));
      }
    }
    return new AuditVerification(verified, 0, problems.isEmpty(), List.copyOf(problems),
        signed.size());
  }
}
