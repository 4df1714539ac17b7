package io.strata.search;

import io.strata.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts how many matching events carry each value of one field, segment by segment.
 *
 * <p>Three ways, cheapest first: where every document of a segment matches, the terms' document
 * frequencies are the counts; keyword fields with doc values (level, service, host, environment)
 * are counted by ordinal over the matches; any other field by walking its postings (and, for
 * numbers, its points) against the match bits — linear in the values of the field, never in stored
 * events. Distinct values are kept up to {@link #MAX_DISTINCT}; the rest are counted together as
 * {@link #others()} and the counts flagged as incomplete.
 *
 * <p>Caution: not thread-safe.
 */
public final class ValueCounter {

  /** The most distinct values one counter keeps; enough for any facet a person reads. */
  public static final int MAX_DISTINCT = 100_000;

  private final String field;
  private final Map<String, long[]> counts = new HashMap<>();
  private long others;

  /** A counter of the values of {@code field}. */
  public ValueCounter(String field) {
    this.field = field;
  }

  /** Adds the values of the matching documents of one segment. */
  public void add(MatchingDocs.Leaf leaf) throws IOException {
    LeafReader reader = leaf.context().reader();
    FieldInfo terms = reader.getFieldInfos().fieldInfo(field);
    if (terms != null && terms.getIndexOptions() != IndexOptions.NONE) {
      if (terms.getDocValuesType() == DocValuesType.SORTED_SET && !leaf.all()) {
        countDocValues(reader, leaf.bits());
      } else {
        countPostings(reader, leaf);
      }
    }
    FieldInfo numbers = reader.getFieldInfos().fieldInfo(IndexSchema.numeric(field));
    if (numbers != null && numbers.getPointDimensionCount() == 1) {
      countPoints(reader.getPointValues(numbers.name), leaf.bits());
    }
  }

  private void countDocValues(LeafReader reader, FixedBitSet bits) throws IOException {
    SortedSetDocValues values = reader.getSortedSetDocValues(field);
    if (values == null) {
      return;
    }
    long[] byOrd = new long[Math.toIntExact(values.getValueCount())];
    for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      if (values.advanceExact(doc)) {
        for (int i = values.docValueCount(); i > 0; i--) {
          byOrd[(int) values.nextOrd()]++;
        }
      }
    }
    for (int ord = 0; ord < byOrd.length; ord++) {
      if (byOrd[ord] > 0) {
        add(FieldValues.display(field, values.lookupOrd(ord)), byOrd[ord]);
      }
    }
  }

  private void countPostings(LeafReader reader, MatchingDocs.Leaf leaf) throws IOException {
    Terms terms = reader.terms(field);
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    FixedBitSet bits = leaf.bits();
    boolean all = leaf.all();
    PostingsEnum postings = null;
    for (BytesRef term = te.next(); term != null; term = te.next()) {
      long count;
      if (all) {
        count = te.docFreq();
      } else {
        count = 0;
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if (bits.get(doc)) {
            count++;
          }
        }
      }
      if (count > 0) {
        add(FieldValues.display(field, term), count);
      }
    }
  }

  private void countPoints(PointValues points, FixedBitSet bits) throws IOException {
    if (points == null) {
      return;
    }
    Map<Double, long[]> byValue = new HashMap<>();
    points.intersect(new PointValues.IntersectVisitor() {
      // Leaves of few distinct values come as runs of one value: look the value up once per run.
      private double lastValue = Double.NaN;
      private long[] lastSlot;

      @Override
      public void visit(int docID) {
        throw new IllegalStateException("every cell is visited with its values");
      }

      @Override
      public void visit(int docID, byte[] packedValue) {
        if (bits.get(docID)) {
          slot(packedValue)[0]++;
        }
      }

      @Override
      public void visit(DocIdSetIterator docs, byte[] packedValue) throws IOException {
        long count = 0;
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          if (bits.get(doc)) {
            count++;
          }
        }
        if (count > 0) {
          slot(packedValue)[0] += count;
        }
      }

      private long[] slot(byte[] packedValue) {
        double value = DoublePoint.decodeDimension(packedValue, 0);
        if (lastSlot == null || Double.compare(value, lastValue) != 0) {
          lastValue = value;
          lastSlot = byValue.computeIfAbsent(value, v -> new long[1]);
        }
        return lastSlot;
      }

      @Override
      public PointValues.Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
        return PointValues.Relation.CELL_CROSSES_QUERY;
      }
    });
    byValue.forEach((value, count) -> add(FieldValues.display(value), count[0]));
  }

  private void add(String value, long count) {
    long[] slot = counts.get(value);
    if (slot != null) {
      slot[0] += count;
    } else if (counts.size() < MAX_DISTINCT) {
      counts.put(value, new long[] {count});
    } else {
      others += count;
    }
  }

  /** The {@code size} most frequent values, most frequent first, ties in value order. */
  public List<ValueCount> top(int size) {
    List<ValueCount> all = new ArrayList<>(counts.size());
    counts.forEach((value, count) -> all.add(new ValueCount(value, count[0])));
    all.sort(Comparator.comparingLong(ValueCount::count).reversed()
        .thenComparing(ValueCount::value));
    return all.size() > size ? List.copyOf(all.subList(0, size)) : all;
  }

  /** Events counted under values beyond {@link #MAX_DISTINCT}; their values were not kept. */
  public long others() {
    return others;
  }

  /** Whether some values were not kept, so that {@link #top} may miss some. */
  public boolean incomplete() {
    return others > 0;
  }

  /** One value and the number of matching events that carry it. */
  public record ValueCount(String value, long count) {}
}
