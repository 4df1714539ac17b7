package io.strata.index;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch's events cut into contiguous runs by their position in it, which the indexing threads
 * claim one after another until none is left.
 *
 * <p>Why claimed, not dealt: a thread now and then stops for a second or more inside Lucene (its
 * indexing buffer is full and it writes a segment). With the batch halved beforehand, the other
 * thread finished its half and waited: in a cold 1M-event run one of the two indexing threads stood
 * idle for 29% of the time. With runs claimed, the other thread takes the runs the stopped one
 * would have had.
 *
 * <p>Why runs, not single events: events sent together (a trace, one service's burst) must sit side
 * by side in a thread's segment, where the stored events' compression finds what they repeat; dealt
 * one by one, the stored events took 15% more disk (2026-12-07, README).
 */
final class BatchChunks {

  /** Runs per thread when the batch is large: enough for one to stand still while others go on. */
  static final int RUNS_PER_THREAD = 8;
  /** The shortest run of a batch large enough: a stored-fields chunk holds some 200 events. */
  static final int MIN_RUN = 2048;

  private final List<IndexerRecord> records;
  /** The batch position of each record's first event; one more entry holds the total. */
  private final int[] starts;
  private final int run;
  private final int runs;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * Cuts {@code records} for {@code threads} threads; {@code counts} holds each record's number of
   * events (0 for a record to skip).
   */
  BatchChunks(List<IndexerRecord> records, int[] counts, int threads) {
    this.records = records;
    this.starts = new int[records.size() + 1];
    for (int i = 0; i < counts.length; i++) {
      starts[i + 1] = starts[i] + counts[i];
    }
    int total = starts[records.size()];
    this.run = runLength(total, threads);
    this.runs = total == 0 ? 0 : (total + run - 1) / run;
  }

  /**
   * The length of the runs a batch of {@code total} events is cut into: at least one run per
   * thread, {@link #RUNS_PER_THREAD} per thread for a large batch, none shorter than {@link
   * #MIN_RUN} unless the batch has too few events for one per thread.
   */
  static int runLength(int total, int threads) {
    int perThread = ceilDiv(total, Math.max(1, threads));
    int fine = ceilDiv(total, Math.max(1, threads) * RUNS_PER_THREAD);
    return Math.max(1, Math.max(fine, Math.min(MIN_RUN, perThread)));
  }

  /** How many runs the batch was cut into. */
  int runs() {
    return runs;
  }

  /** The first batch position of a run not claimed yet, claiming it; -1 when all are claimed. */
  int claim() {
    int claimed = next.getAndIncrement();
    return claimed < runs ? claimed * run : -1;
  }

  /** The batch position after the run that starts at {@code from}. */
  int endOf(int from) {
    return Math.min(from + run, starts[records.size()]);
  }

  /** The index of the record that holds the event at batch position {@code position}. */
  int recordAt(int position) {
    int low = 0;
    int high = records.size() - 1;
    while (low < high) { // the last record whose start is at or before position
      int mid = (low + high + 1) >>> 1;
      if (starts[mid] <= position) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** The record at {@code index}. */
  IndexerRecord record(int index) {
    return records.get(index);
  }

  /** The batch position of the first event of the record at {@code index}. */
  int start(int index) {
    return starts[index];
  }

  /** The number of records. */
  int records() {
    return records.size();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
