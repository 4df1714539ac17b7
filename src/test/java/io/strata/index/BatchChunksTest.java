package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchChunksTest {

  @Test
  void aLargeBatchIsCutIntoEightRunsPerThread() {
    assertThat(BatchChunks.runLength(200_000, 2)).isEqualTo(12_500);
    assertThat(new BatchChunks(records(4), new int[] {50_000, 50_000, 50_000, 50_000}, 2).runs())
        .isEqualTo(16);
  }

  @Test
  void runsAreNotCutShorterThanAStoredChunkNeedsUnlessEachThreadWouldOtherwiseGoWithout() {
    assertThat(BatchChunks.runLength(20_000, 2)).isEqualTo(BatchChunks.MIN_RUN);
    // A record of 1,000 events still keeps both threads busy.
    assertThat(BatchChunks.runLength(1_000, 2)).isEqualTo(500);
    assertThat(BatchChunks.runLength(1, 2)).isEqualTo(1);
    assertThat(BatchChunks.runLength(0, 2)).isEqualTo(1);
    assertThat(new BatchChunks(records(1), new int[] {0}, 2).runs()).isZero();
  }

  @Test
  void everyEventIsInExactlyOneClaimedRunAndRecordsAreFoundByPosition() {
    int[] counts = {3, 0, 5000, 0, 0, 1, 7000};
    BatchChunks chunks = new BatchChunks(records(counts.length), counts, 2);
    BitSet seen = new BitSet();
    for (int from = chunks.claim(); from >= 0; from = chunks.claim()) {
      for (int at = from; at < chunks.endOf(from); at++) {
        assertThat(seen.get(at)).isFalse();
        seen.set(at);
        int r = chunks.recordAt(at);
        assertThat(at).isGreaterThanOrEqualTo(chunks.start(r));
        assertThat(at).isLessThan(chunks.start(r) + counts[r]); // never a record without events
      }
    }
    assertThat(seen.cardinality()).isEqualTo(12_004);
    assertThat(seen.nextClearBit(0)).isEqualTo(12_004);
    assertThat(chunks.claim()).isEqualTo(-1);
  }

  @Test
  void threadsClaimingAtOnceNeverGetTheSameRun() throws InterruptedException {
    int[] counts = new int[100];
    java.util.Arrays.fill(counts, 1_000);
    BatchChunks chunks = new BatchChunks(records(counts.length), counts, 4);
    List<List<Integer>> claimed = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      List<Integer> mine = new ArrayList<>();
      claimed.add(mine);
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int from = chunks.claim(); from >= 0; from = chunks.claim()) {
          mine.add(from);
        }
      }));
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    BitSet starts = new BitSet();
    claimed.forEach(list -> list.forEach(from -> {
      assertThat(starts.get(from)).isFalse();
      starts.set(from);
    }));
    assertThat(starts.cardinality()).isEqualTo(chunks.runs()).isEqualTo(32);
  }

  private static List<IndexerRecord> records(int n) {
    List<IndexerRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new IndexerRecord("t", 0, i, "tenant", new byte[0]));
    }
    return records;
  }
}
