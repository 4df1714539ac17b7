package io.strata.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes a chain's hashes and checks that each event follows the one before: same sequence plus
 * one, its {@code prev_hash} the hash of that event, its own hash that of its content. A changed
 * row, a removed row or a rewritten stretch shows at its sequence number; the chain's recorded head
 * must be its last event. Then the files of each sealed index the chain records are recomputed
 * against their seal.
 */
@ApplicationScoped
public class AuditVerifier {

  private static final int PAGE = 10_000;
  private static final Duration WAIT = Duration.ofMinutes(1);
  /** Past this many findings the rest of a broken chain says nothing new. */
  private static final int MAX_PROBLEMS = 100;

  /** The action that records a sealed index with the hashes of its files. */
  public static final String INDEX_SEAL = "index.seal";
  /** The action that records an index deleted by retention. */
  private static final String INDEX_DELETE = "retention.delete";

  private final AuditReader reader;
  private final AuditCheckpoints checkpoints;
  private final CheckpointSigner signer;
  private final Instance<SealedIndexCheck> sealChecks;

  AuditVerifier(AuditReader reader, AuditCheckpoints checkpoints, CheckpointSigner signer,
      Instance<SealedIndexCheck> sealChecks) {
    this.reader = reader;
    this.checkpoints = checkpoints;
    this.signer = signer;
    this.sealChecks = sealChecks;
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
    // The newest seal of each index met on the way, unless a deletion of the index came after it.
    java.util.Map<String, AuditRecord> seals = new java.util.LinkedHashMap<>();
    long verified = 0;
    long expectedSeq = start;
    String expectedPrev = null; // unknown before the first event read, unless it is the first
    AuditRecord last = null;
    boolean done = false;
    long maxSeq = reader.maxSeq(chain).await().atMost(WAIT);
    // The head is read once, before the events, and the events are verified up to it: a chain in
    // use grows while it is read, and the head read after the events would be ahead of them. The
    // head moves in the statement that appends its events, so every event up to it is there; an
    // event above the head that was there before the head was read was never appended by a writer.
    ChainStore.Head head = to == null ? reader.head(chain).await().atMost(WAIT) : null;
    long readTo = head == null ? maxSeq : Math.max(maxSeq, head.seq());
    long pageStart = start;
    java.util.concurrent.CompletableFuture<List<AuditRecord>> fetching =
        reader.inOrder(chain, pageStart, PAGE).subscribeAsCompletionStage();
    while (!done) {
      List<AuditRecord> page = fetching.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
          .join();
      pageStart += PAGE;
      // The next page is read while this one is hashed.
      fetching = pageStart > readTo ? null
          : reader.inOrder(chain, pageStart, PAGE).subscribeAsCompletionStage();
      for (AuditRecord record : page) {
        if (head != null && record.seq() > head.seq()) {
          done = true;
          break;
        }
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
        // Per node: in a cluster several nodes hold (and seal, and delete) parts of one index.
        if (INDEX_SEAL.equals(record.action()) && record.target() != null) {
          seals.put(sealKey(record), record);
        } else if (INDEX_DELETE.equals(record.action()) && record.target() != null) {
          seals.remove(sealKey(record));
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
      if (head != null && maxSeq > head.seq()) {
        problems.add(new AuditVerification.Problem("chain", head.seq() + 1, null,
            "the chain's head is event " + head.seq() + " but events up to " + maxSeq
                + " were there before it was read"));
      }
      if (head != null && last != null && (head.seq() != last.seq() || !head.hash().equals(last.hash()))) {
        problems.add(new AuditVerification.Problem("chain", head.seq(), null,
            "the chain's head is event " + head.seq() + " but its last event is " + last.seq()));
      } else if (head != null && last == null && from == null && head.seq() > 0) {
        problems.add(new AuditVerification.Problem("chain", 1L, null,
            "the chain's head names event " + head.seq() + " but the chain has no event"));
      }
    }
    long verifiedIndexes = verifySeals(chain, seals.values(), to == null, problems);
    return new AuditVerification(verified, verifiedIndexes, problems.isEmpty(),
        List.copyOf(problems), signed.size());
  }

  /** The node a seal or deletion names ({@code ""} before events named their node). */
  private static String node(AuditRecord record) {
    String node = record.params() == null ? null : record.params().get("node");
    return node == null ? "" : node;
  }

  private static String sealKey(AuditRecord record) {
    return record.target() + '\u0000' + node(record);
  }

  /**
   * Recomputes the files of each sealed index; returns how many are intact. An index gone from
   * this node is a problem only when the whole trail was read ({@code complete}) and no deletion
   * of it was recorded after its seal.
   */
  private long verifySeals(String chain, java.util.Collection<AuditRecord> seals, boolean complete,
      List<AuditVerification.Problem> problems) {
    if (seals.isEmpty() || sealChecks == null || !sealChecks.isResolvable()) {
      return 0;
    }
    SealedIndexCheck check = sealChecks.get();
    long intact = 0;
    for (AuditRecord seal : seals) {
      if (problems.size() >= MAX_PROBLEMS) {
        break;
      }
      java.util.Map<String, String> files;
      long generation;
      try {
        files = AuditHashing.paramsFromJson(seal.params().get("files"));
        generation = Long.parseLong(seal.params().get("generation"));
      } catch (RuntimeException e) {
        problems.add(new AuditVerification.Problem("index", seal.seq(), seal.target(),
            "the seal's file list cannot be read"));
        continue;
      }
      SealedIndexCheck.Result result = check.check(chain, seal.target(), node(seal), generation,
          files);
      switch (result.status()) {
        case INTACT -> intact++;
        case TAMPERED -> problems.add(new AuditVerification.Problem("index", seal.seq(),
            seal.target(), result.detail()));
        case ABSENT -> {
          if (complete) {
            problems.add(new AuditVerification.Problem("index", seal.seq(), seal.target(),
                "the sealed index is gone, and no deletion of it is recorded"));
          }
        }
        case UNREACHABLE -> problems.add(new AuditVerification.Problem("index", seal.seq(),
            seal.target(), "not verified: " + result.detail()));
        case CHANGED -> { } // sealed again on the next sealing run
      }
    }
    return intact;
  }
}
