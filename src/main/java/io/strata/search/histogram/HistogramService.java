package io.strata.search.histogram;

import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.audit.AuditExempt;
import io.strata.cluster.MissingNode;
import io.strata.search.EventFilter;
import io.strata.search.ShardFanOut;
import io.strata.search.EventFilters;
import io.strata.search.FieldValues;
import io.strata.search.MatchingDocs;
import io.strata.search.ValueCounter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts a tenant's matching events per time bucket from the event-time doc values of the matches,
 * without reading a single stored event; optionally split by the values of one field. Without a
 * query (the console's first view), each bucket is counted as a range of the event-time points,
 * without visiting its events at all.
 */
@ApplicationScoped
public class HistogramService {

  /** The most split values a caller may ask for. */
  public static final int MAX_SPLIT_SIZE = 50;
  static final int DEFAULT_SPLIT_SIZE = 10;

  private final TenantIndexes indexes;
  private final EventFilters filters;

  private final AuditTrail audit;
  private final ShardFanOut fanOut;

  HistogramService(TenantIndexes indexes, EventFilters filters, AuditTrail audit,
      ShardFanOut fanOut) {
    this.audit = audit;
    this.fanOut = fanOut;
    this.indexes = indexes;
    this.filters = filters;
  }

  /** The histogram of {@code q} over {@code [from, to]} in {@code tenant}. */
  @Audited("histogram")
  public HistogramResponse histogram(Caller caller, String q, String from, String to,
      String intervalText, String split, Integer splitSize) {
    return audit.auditedNow(AuditEntry.success(caller, "histogram", null, AuditEntry.params(
            "q", q, "from", from, "to", to, "interval", intervalText, "split", split)),
        () -> histogram(caller.requireTenant(), q, from, to, intervalText, split, splitSize));
  }

  private HistogramResponse histogram(String tenant, String q, String from, String to,
      String intervalText, String split, Integer splitSize) {
    long started = System.nanoTime();
    EventFilter filter = filters.parse(q, from, to);
    Interval interval = intervalText == null || intervalText.isBlank()
        ? Interval.auto(filter.fromMillis(), filter.toMillis()) : Interval.parse(intervalText);
    long bucketCount = interval.buckets(filter.fromMillis(), filter.toMillis());
    if (bucketCount > Interval.MAX_BUCKETS) {
      throw ProblemException.badRequest("invalid-interval", "An interval of " + interval.text()
          + " makes " + bucketCount + " buckets over this range; at most " + Interval.MAX_BUCKETS
          + " are allowed. Use a wider interval or leave it out.").with("parameter", "interval");
    }
    int size = splitSize == null ? DEFAULT_SPLIT_SIZE : splitSize;
    if (size < 1 || size > MAX_SPLIT_SIZE) {
      throw ProblemException.badRequest("invalid-size", "'split_size' must be between 1 and "
          + MAX_SPLIT_SIZE + ", was " + size + ".").with("parameter", "split_size");
    }
    String splitField = split == null || split.isBlank() ? null : split.trim();
    HistogramResponse answer;
    if (fanOut.distributed() && filter.text() != null) {
      answer = clusterHistogram(tenant, filter, interval, splitField, size);
    } else {
      answer = local(tenant, filter, interval, splitField, size, null);
    }
    return new HistogramResponse(answer.interval(), answer.total(), answer.split(),
        answer.buckets(), (System.nanoTime() - started) / 1_000_000, answer.partial(),
        answer.missing());
  }

  /**
   * The histogram of every index node, merged: counts add up bucket by bucket. Split, it takes two
   * rounds, so that the split counts are exact: the nodes' most frequent values (over-fetched) make
   * the cluster's top values, then every node counts exactly those.
   */
  private HistogramResponse clusterHistogram(String tenant, EventFilter filter, Interval interval,
      String splitField, int size) {
    List<String> values = null;
    List<MissingNode> missing = new ArrayList<>();
    if (splitField != null) {
      int overFetch = Math.min(MAX_SPLIT_SIZE * 4, size * 2 + 10);
      ShardFanOut.Parts<HistogramResponse> firstRound = ask(tenant, filter, interval, splitField,
          overFetch, null);
      values = HistogramMerge.topValues(firstRound.answers(), size);
      missing.addAll(firstRound.missing());
    }
    ShardFanOut.Parts<HistogramResponse> parts = ask(tenant, filter, interval, splitField, size,
        values);
    for (MissingNode node : parts.missing()) {
      if (!missing.contains(node)) {
        missing.add(node);
      }
    }
    HistogramResponse empty = local(tenant, filter, interval, splitField, size, List.of(), true);
    return HistogramMerge.merge(empty, parts.answers(), values, missing);
  }

  private ShardFanOut.Parts<HistogramResponse> ask(String tenant, EventFilter filter,
      Interval interval, String splitField, int size, List<String> values) {
    HistogramShardRequest request = new HistogramShardRequest(filter.text(), filter.fromMillis(),
        filter.toMillis(), filter.nowMillis(), interval.text(), splitField, size, values);
    return fanOut.ask(tenant, ShardHistogramResource.PATH, request, HistogramResponse.class,
        () -> local(tenant, request));
  }

  /** This node's part of a histogram another node asked for. */
  @AuditExempt("a node's part of a read another node records")
  public HistogramResponse local(String tenant, HistogramShardRequest request) {
    EventFilter filter = filters.at(request.q(), request.fromMillis(), request.toMillis(),
        request.nowMillis());
    return local(tenant, filter, Interval.parse(request.interval()), request.split(),
        request.splitSize(), request.splitValues());
  }

  private HistogramResponse local(String tenant, EventFilter filter, Interval interval,
      String splitField, int size, List<String> splitValues) {
    return local(tenant, filter, interval, splitField, size, splitValues, false);
  }

  /**
   * The histogram of this node's indexes, split by the top {@code size} values of {@code
   * splitField} or, when given, by {@code splitValues}; with {@code empty}, every bucket at zero.
   */
  private HistogramResponse local(String tenant, EventFilter filter, Interval interval,
      String splitField, int size, List<String> splitValues, boolean empty) {
    long started = System.nanoTime();
    long bucketCount = interval.buckets(filter.fromMillis(), filter.toMillis());
    Counts counts = new Counts(interval, filter.fromMillis(), (int) bucketCount);
    if (empty) {
      if (splitValues != null) {
        counts.splitBy(splitValues.size());
      }
      return counts.response(splitField, splitValues, 0);
    }
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      if (splitField == null && filter.query() instanceof MatchAllDocsQuery) {
        for (SearchableBucket bucket : buckets) {
          counts.countRanges(buckets.acquire(bucket), filter.fromMillis(), filter.toMillis());
        }
        return counts.response(null, List.of(), (System.nanoTime() - started) / 1_000_000);
      }
      List<Matches> matches = new ArrayList<>();
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = buckets.acquire(bucket);
        List<MatchingDocs.Leaf> leaves = MatchingDocs.collect(searcher, filter.timeBounded());
        matches.add(new Matches(searcher, leaves));
        for (MatchingDocs.Leaf leaf : leaves) {
          // Split by ordinal, a leaf's totals are counted in the same pass as its split.
          if (splitField == null || !splitsByOrdinal(leaf, splitField)) {
            counts.addAll(leaf);
          }
        }
      }
      List<String> values = List.of();
      if (splitField != null) {
        ValueCounter counter = new ValueCounter(splitField);
        for (Matches day : matches) {
          for (MatchingDocs.Leaf leaf : day.leaves) {
            counter.add(leaf);
          }
        }
        values = splitValues != null ? splitValues
            : counter.top(size).stream().map(ValueCounter.ValueCount::value).toList();
        counts.splitBy(values.size());
        for (Matches day : matches) {
          countSplit(day, splitField, values, counts);
        }
      }
      return counts.response(splitField, values, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Matches(IndexSearcher searcher, List<MatchingDocs.Leaf> leaves) {}

  /** Whether a leaf's split is counted by ordinal: the field is a keyword with doc values. */
  private static boolean splitsByOrdinal(MatchingDocs.Leaf leaf, String field) {
    FieldInfos infos = leaf.context().reader().getFieldInfos();
    FieldInfo info = infos.fieldInfo(field);
    return info != null && info.getDocValuesType() == DocValuesType.SORTED_SET
        && infos.fieldInfo(IndexSchema.numeric(field)) == null;
  }

  /**
   * Adds the split counts of one day: by ordinal where the field has doc values (with the leaf's
   * totals, see {@link #splitsByOrdinal}), else by value.
   */
  private static void countSplit(Matches day, String field, List<String> values, Counts counts)
      throws IOException {
    Weight[] weights = null;
    for (MatchingDocs.Leaf leaf : day.leaves) {
      LeafReader reader = leaf.context().reader();
      if (splitsByOrdinal(leaf, field)) {
        countSplitByOrdinal(leaf, field, values, counts);
        continue;
      }
      if (weights == null) {
        weights = new Weight[values.size()];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = day.searcher.createWeight(day.searcher.rewrite(
              FieldValues.exact(field, values.get(i))), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
      }
      for (int i = 0; i < weights.length; i++) {
        Scorer scorer = weights[i].scorer(leaf.context());
        if (scorer == null) {
          continue;
        }
        SortedNumericDocValues time = DocValues.getSortedNumeric(reader, IndexSchema.TIMESTAMP);
        DocIdSetIterator docs = scorer.iterator();
        FixedBitSet bits = leaf.bits();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          if (bits.get(doc) && time.advanceExact(doc)) {
            counts.addSplit(time.nextValue(), i);
          }
        }
      }
    }
  }

  /**
   * Counts a leaf's matches into their buckets, and those carrying one of {@code values} into the
   * buckets' split too: one pass, each timestamp read and bucketed once. (Counted in two passes,
   * the split of all 10M events by level took a quarter more time.)
   */
  private static void countSplitByOrdinal(MatchingDocs.Leaf leaf, String field, List<String> values,
      Counts counts) throws IOException {
    LeafReader reader = leaf.context().reader();
    SortedSetDocValues ords = DocValues.getSortedSet(reader, field);
    // The ordinals of the values, sorted, and each one's place in values: looked up without boxing.
    TreeMap<Long, Integer> indexOfOrd = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      long ord = ords.lookupTerm(new BytesRef(values.get(i)));
      if (ord >= 0) {
        indexOfOrd.put(ord, i);
      }
    }
    if (indexOfOrd.isEmpty()) {
      counts.addAll(leaf);
      return;
    }
    long[] splitOrds = indexOfOrd.keySet().stream().mapToLong(Long::longValue).toArray();
    int[] splitIndexes = indexOfOrd.values().stream().mapToInt(Integer::intValue).toArray();
    SortedNumericDocValues time = DocValues.getSortedNumeric(reader, IndexSchema.TIMESTAMP);
    FixedBitSet bits = leaf.bits();
    for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      if (!time.advanceExact(doc)) {
        continue;
      }
      int bucket = counts.add(time.nextValue());
      if (bucket >= 0 && ords.advanceExact(doc)) {
        for (int n = ords.docValueCount(); n > 0; n--) {
          int at = Arrays.binarySearch(splitOrds, ords.nextOrd());
          if (at >= 0) {
            counts.addSplit(bucket, splitIndexes[at]);
          }
        }
      }
    }
  }

  /** The bucket counts being filled. */
  private static final class Counts {
    private final Interval interval;
    private final long firstBucket;
    private final long[] total;
    private long[][] split;
    /** The bucket found last and its bounds, {@code [lastStart, lastEnd)}; none at first. */
    private int lastBucket = -1;
    private long lastStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    Counts(Interval interval, long fromMillis, int buckets) {
      this.interval = interval;
      this.firstBucket = Math.floorDiv(fromMillis, interval.millis());
      this.total = new long[buckets];
    }

    /**
     * Counts every event of each bucket in {@code [from, to]} without visiting them: Lucene counts a
     * points range from the cells of its tree that the range covers whole.
     */
    void countRanges(IndexSearcher searcher, long fromMillis, long toMillis) throws IOException {
      for (int i = 0; i < total.length; i++) {
        long start = Math.max(fromMillis, (firstBucket + i) * interval.millis());
        long end = Math.min(toMillis, (firstBucket + i + 1) * interval.millis() - 1);
        if (start <= end) {
          total[i] += searcher.count(TimeField.range(start, end));
        }
      }
    }

    void addAll(MatchingDocs.Leaf leaf) throws IOException {
      SortedNumericDocValues time = DocValues.getSortedNumeric(leaf.context().reader(),
          IndexSchema.TIMESTAMP);
      FixedBitSet bits = leaf.bits();
      for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        if (time.advanceExact(doc)) {
          int bucket = bucket(time.nextValue());
          if (bucket >= 0) {
            total[bucket]++;
          }
        }
      }
    }

    void splitBy(int values) {
      split = new long[total.length][values];
    }

    void addSplit(long timestamp, int value) {
      int bucket = bucket(timestamp);
      if (bucket >= 0) {
        split[bucket][value]++;
      }
    }

    /** Counts an event in the total of its bucket, which it returns (-1: outside the range). */
    int add(long timestamp) {
      int bucket = bucket(timestamp);
      if (bucket >= 0) {
        total[bucket]++;
      }
      return bucket;
    }

    void addSplit(int bucket, int value) {
      split[bucket][value]++;
    }

    private int bucket(long timestamp) {
      // Events sit in an index roughly in arrival order: most fall in the bucket of the one before.
      if (timestamp >= lastStart && timestamp < lastEnd) {
        return lastBucket;
      }
      long index = Math.floorDiv(timestamp, interval.millis()) - firstBucket;
      if (index < 0 || index >= total.length) {
        return -1;
      }
      lastBucket = (int) index;
      lastStart = (firstBucket + index) * interval.millis();
      lastEnd = lastStart + interval.millis();
      return lastBucket;
    }

    HistogramResponse response(String splitField, List<String> values, long tookMs) {
      List<HistogramResponse.Bucket> buckets = new ArrayList<>(total.length);
      long sum = 0;
      for (int i = 0; i < total.length; i++) {
        sum += total[i];
        Map<String, Long> bySplit = null;
        if (split != null) {
          bySplit = new LinkedHashMap<>();
          for (int v = 0; v < values.size(); v++) {
            if (split[i][v] > 0) {
              bySplit.put(values.get(v), split[i][v]);
            }
          }
        }
        String start = Instant.ofEpochMilli((firstBucket + i) * interval.millis()).toString();
        buckets.add(new HistogramResponse.Bucket(start, total[i], bySplit));
      }
      return new HistogramResponse(interval.text(), sum, splitField, buckets, tookMs);
    }
  }
}
