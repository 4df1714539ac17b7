package io.strata.alerting;

import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.search.EventFilter;
import io.strata.search.EventFilters;
import io.strata.search.ShardFanOut;
import io.strata.search.MatchingDocs;
import io.strata.search.ValueCounter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Counts the events of one tenant that match a rule's query in a time range, per group: the one
 * measurement both kinds of rule are judged on, for the preview now and the scheduler later. Reads
 * only the tenant's own day indexes that overlap the range, and only doc values and postings of the
 * matches (as facets do), never stored events. Blocking: call on a worker thread.
 *
 * <p>No {@code group_by}: one group, the total. One field: its values as facets count them ({@link
 * ValueCounter}). Two or three fields: {@link FieldTuples}.
 */
@ApplicationScoped
public class RuleEvaluator {

  /** The most groups a rule reports; the rest are reported as truncated. */
  public static final int MAX_GROUPS = 1000;

  private final TenantIndexes indexes;
  private final ShardFanOut fanOut;
  private final EventFilters filters;

  RuleEvaluator(TenantIndexes indexes, ShardFanOut fanOut, EventFilters filters) {
    this.indexes = indexes;
    this.fanOut = fanOut;
    this.filters = filters;
  }

  /**
   * The events of {@code tenant} matching {@code query} (parsed from {@code q}) in {@code
   * [fromMillis, toMillis]} (both included), counted per combination of values of {@code groupBy}
   * (groupable fields only), over every node that holds indexes. Fails when a node does not
   * answer: a count short of its events could fire or resolve an alert wrongly, so the rule waits
   * for its next run.
   */
  GroupCounts count(String tenant, String q, Query query, long fromMillis, long toMillis,
      List<String> groupBy) {
    if (!fanOut.distributed()) {
      return countHere(tenant, query, fromMillis, toMillis, groupBy);
    }
    ShardFanOut.Parts<GroupCounts> parts = fanOut.ask(tenant, ShardAlertCountResource.PATH,
        new ShardAlertCountResource.Count(q, fromMillis, toMillis, groupBy), GroupCounts.class,
        () -> countHere(tenant, query, fromMillis, toMillis, groupBy));
    if (!parts.missing().isEmpty()) {
      throw new IllegalStateException("nodes did not answer: " + parts.missing());
    }
    return GroupCounts.merge(parts.answers(), MAX_GROUPS);
  }

  /** This node's part of a count another node asked for. */
  GroupCounts countHere(String tenant, ShardAlertCountResource.Count request) {
    Query query = filters.at(request.q(), request.fromMillis(), request.toMillis(),
        request.toMillis()).query();
    return countHere(tenant, query, request.fromMillis(), request.toMillis(), request.groupBy());
  }

  private GroupCounts countHere(String tenant, Query query, long fromMillis, long toMillis,
      List<String> groupBy) {
    EventFilter filter = new EventFilter(query, fromMillis, toMillis, toMillis);
    Counting counting = counting(groupBy);
    try (SearchableBuckets buckets =
        indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = bucket.searchers().acquire();
        try {
          for (MatchingDocs.Leaf leaf : MatchingDocs.collect(searcher, filter.timeBounded())) {
            counting.add(leaf);
          }
        } finally {
          bucket.searchers().release(searcher);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counting.result();
  }

  /** {@code values} named by {@code fields}, in their order. */
  static Map<String, String> group(List<String> fields, List<String> values) {
    Map<String, String> group = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      group.put(fields.get(i), values.get(i));
    }
    return group;
  }

  private static Counting counting(List<String> groupBy) {
    return switch (groupBy.size()) {
      case 0 -> new Total();
      case 1 -> new OneField(groupBy.getFirst());
      default -> new Tuples(new FieldTuples(groupBy));
    };
  }

  /** One way of counting matches into groups. */
  private interface Counting {
    void add(MatchingDocs.Leaf leaf) throws IOException;

    GroupCounts result();
  }

  private static final class Total implements Counting {
    private long total;

    @Override
    public void add(MatchingDocs.Leaf leaf) {
      total += leaf.count();
    }

    @Override
    public GroupCounts result() {
      return new GroupCounts(List.of(new GroupCounts.Group(Map.of(), total)), false);
    }
  }

  private static final class OneField implements Counting {
    private final String field;
    private final ValueCounter counter;

    OneField(String field) {
      this.field = field;
      this.counter = new ValueCounter(field);
    }

    @Override
    public void add(MatchingDocs.Leaf leaf) throws IOException {
      counter.add(leaf);
    }

    @Override
    public GroupCounts result() {
      List<ValueCounter.ValueCount> top = counter.top(MAX_GROUPS + 1);
      List<GroupCounts.Group> groups = new ArrayList<>(Math.min(top.size(), MAX_GROUPS));
      for (ValueCounter.ValueCount value : top.subList(0, Math.min(top.size(), MAX_GROUPS))) {
        groups.add(new GroupCounts.Group(Map.of(field, value.value()), value.count()));
      }
      return new GroupCounts(groups, top.size() > MAX_GROUPS || counter.incomplete());
    }
  }

  private record Tuples(FieldTuples tuples) implements Counting {
    @Override
    public void add(MatchingDocs.Leaf leaf) throws IOException {
      tuples.add(leaf);
    }

    @Override
    public GroupCounts result() {
      return new GroupCounts(tuples.top(MAX_GROUPS), tuples.truncated(MAX_GROUPS));
    }
  }
}
