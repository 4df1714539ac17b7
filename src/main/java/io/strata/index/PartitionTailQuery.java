package io.strata.index;

import java.io.IOException;
import java.util.Objects;
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
 * The events of one Kafka partition at or after an offset: what a node indexed of a partition
 * beyond the point where another node took it over. The partition sits in the low bits of the
 * sequence number, so no range over it can say this; each candidate's sequence is checked.
 */
final class PartitionTailQuery extends Query {

  private static final long PARTITION_MASK = (1L << IndexSchema.PARTITION_BITS) - 1;

  private final int partition;
  private final long fromSeq;

  /** Events of {@code partition} from {@code offset} on. */
  PartitionTailQuery(int partition, long offset) {
    this.partition = partition;
    this.fromSeq = IndexSchema.seq(0, offset, 0);
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
            return seq >= fromSeq && (seq & PARTITION_MASK) == partition;
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
    return "partition " + partition + " from seq " + fromSeq;
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && partition == ((PartitionTailQuery) other).partition
        && fromSeq == ((PartitionTailQuery) other).fromSeq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), partition, fromSeq);
  }
}
