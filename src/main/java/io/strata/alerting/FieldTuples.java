package io.strata.alerting;

import io.strata.search.FieldValues;
import io.strata.search.MatchingDocs;
import io.strata.search.ValueCounter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts matching events per combination of values of two or three fields, reading each match's
 * values from doc values: {@link ValueCounter} counts one field at a time and cannot tell which
 * values go together. Only fields with doc values (the faceted ones) can be read so; {@link
 * AlertRuleRules} refuses the others. An event missing one of the fields is in no group,
 * as it is in no facet value. Distinct combinations are kept up to {@link #MAX_DISTINCT}; events of
 * the others are counted apart and make the result incomplete.
 *
 * <p>Caution: not thread-safe.
 */
final class FieldTuples {

  /** The most distinct combinations kept, as for facet values. */
  static final int MAX_DISTINCT = ValueCounter.MAX_DISTINCT;

  private final List<String> fields;
  private final Map<List<String>, long[]> counts = new HashMap<>();
  private long others;

  FieldTuples(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  /** Adds the matches of one segment: by ordinals first, then by value once per tuple. */
  void add(MatchingDocs.Leaf leaf) throws IOException {
    LeafReader reader = leaf.context().reader();
    SortedSetDocValues[] values = new SortedSetDocValues[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = reader.getSortedSetDocValues(fields.get(i));
      if (values[i] == null) {
        return; // no event of this segment has the field, so none is in a group
      }
    }
    Map<Ords, long[]> byOrds = new HashMap<>();
    FixedBitSet bits = leaf.bits();
    long[] ords = new long[values.length];
    Ords probe = new Ords(ords); // looks up the tuple in ords; copied only for a new tuple
    for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      if (ordsOf(doc, values, ords)) {
        long[] slot = byOrds.get(probe);
        if (slot == null) {
          byOrds.put(new Ords(ords.clone()), new long[] {1});
        } else {
          slot[0]++;
        }
      }
    }
    for (Map.Entry<Ords, long[]> tuple : byOrds.entrySet()) {
      List<String> key = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        key.add(FieldValues.display(fields.get(i), values[i].lookupOrd(tuple.getKey().ords()[i])));
      }
      add(key, tuple.getValue()[0]);
    }
  }

  /** Fills {@code ords} with each field's first value of {@code doc}; false if one is missing. */
  private static boolean ordsOf(int doc, SortedSetDocValues[] values, long[] ords)
      throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (!values[i].advanceExact(doc)) {
        return false;
      }
      ords[i] = values[i].nextOrd();
    }
    return true;
  }

  private void add(List<String> key, long count) {
    long[] slot = counts.get(key);
    if (slot != null) {
      slot[0] += count;
    } else if (counts.size() < MAX_DISTINCT) {
      counts.put(List.copyOf(key), new long[] {count});
    } else {
      others += count;
    }
  }

  /** The {@code size} largest groups, most events first, ties in value order. */
  List<GroupCounts.Group> top(int size) {
    List<Map.Entry<List<String>, long[]>> all = new ArrayList<>(counts.entrySet());
    all.sort(Comparator.<Map.Entry<List<String>, long[]>>comparingLong(e -> -e.getValue()[0])
        .thenComparing(e -> String.join("\u0000", e.getKey())));
    List<GroupCounts.Group> top = new ArrayList<>(Math.min(size, all.size()));
    for (Map.Entry<List<String>, long[]> entry : all.subList(0, Math.min(size, all.size()))) {
      top.add(new GroupCounts.Group(RuleEvaluator.group(fields, entry.getKey()),
          entry.getValue()[0]));
    }
    return top;
  }

  /** Whether there are more groups than {@code size}, or some were not even kept. */
  boolean truncated(int size) {
    return counts.size() > size || others > 0;
  }

  /** The ordinals of one document's values, field by field, as a map key. */
  private record Ords(long[] ords) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Ords that && Arrays.equals(ords, that.ords);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ords);
    }

    @Override
    public String toString() {
      return Arrays.toString(ords);
    }
  }
}
