package io.strata.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The events of Kafka partitions at or after an offset per partition: what a node indexed of a
 * partition beyond the point where another node took it over, or what a loose commit holds beyond
 * its offsets. The partition sits in the low bits of the sequence number, so no range over it can
 * say this; each candidate's sequence is checked.
 */
final class PartitionTailQuery extends Query {

  private static final int PARTITION_MASK = (1 << IndexSchema.PARTITION_BITS) - 1;

  /** Per partition number, the first sequence number that matches. */
  private final long[] fromSeq;

  /**
   * Events whose sequence number is at or above {@code fromSeq[partition]} (see {@link
   * IndexSchema#seq}); one entry per possible partition.
   */
  PartitionTailQuery(long[] fromSeq) {
    if (fromSeq.length != PARTITION_MASK + 1) {
      throw new IllegalArgumentException("one start per partition number, not " + fromSeq.length);
    }
    this.fromSeq = fromSeq.clone();
  }

  /** Events of {@code partition} from {@code offset} on. */
  static PartitionTailQuery of(int partition, long offset) {
    long[] from = new long[PARTITION_MASK + 1];
    Arrays.fill(from, Long.MAX_VALUE);
    from[partition] = IndexSchema.seq(0, offset, 0);
    return new PartitionTailQuery(from);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        SortedNumericDocValues values = DocValues.getSortedNumeric(context.reader(),
            IndexSchema.SEQ);
        TwoPhaseIterator matching = new TwoPhaseIterator(values) {
          @Override
          public boolean matches() throws IOException {
            long seq = values.nextValue(); // one per event
            return seq >= fromSeq[(int) seq & PARTITION_MASK];
          }

          @Override
          public float matchCost() {
            return 4;
          }
        };
        return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, matching));
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false; // used once, to delete
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    StringBuilder tails = new StringBuilder("partition tails");
    for (int p = 0; p < fromSeq.length; p++) {
      if (fromSeq[p] != Long.MAX_VALUE) {
        tails.append(' ').append(p).append(" from seq ").append(fromSeq[p]);
      }
    }
    return tails.toString();
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && Arrays.equals(fromSeq, ((PartitionTailQuery) other).fromSeq);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + Arrays.hashCode(fromSeq);
  }
}
