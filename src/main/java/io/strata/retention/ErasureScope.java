package io.strata.retention;

import io.strata.index.IndexId;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.search.TimeRanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/** What an erasure reaches: the indexes of its range, and how many events it matches there. */
@ApplicationScoped
public class ErasureScope {

  /** Events the query matches in the range, and all events of the range. */
  public record Counts(long matched, long total) {}

  private final TenantIndexes indexes;

  ErasureScope(TenantIndexes indexes) {
    this.indexes = indexes;
  }

  /** The tenant's indexes holding days of {@code [from, to]}, oldest first. */
  public List<IndexId> indexes(String tenant, Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    return indexes.list(tenant).stream()
        .filter(id -> !id.day().isBefore(first) && !id.day().isAfter(last))
        .sorted(Comparator.comparing(IndexId::day).thenComparing(IndexId::retentionClass))
        .toList();
  }

  /** {@code query} within {@code [from, to]}. */
  public static Query bounded(Query query, Instant from, Instant to) {
    return TimeRanges.bounded(query, from.toEpochMilli(), to.toEpochMilli());
  }

  /** How many of the range's events {@code query} matches, and how many there are. */
  public Counts count(String tenant, Query query, Instant from, Instant to) {
    long matched = 0;
    long total = 0;
    Query all = TimeRanges.bounded(null, from.toEpochMilli(), to.toEpochMilli());
    Query matching = bounded(query, from, to);
    try (SearchableBuckets buckets = indexes.forSearch(tenant,
        LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC))) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = buckets.acquire(bucket);
        matched += searcher.count(matching);
        total += searcher.count(all);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Counts(matched, total);
  }

  /** How many events of one index {@code query} matches within {@code [from, to]}. */
  public long count(IndexId index, Query query, Instant from, Instant to) {
    return indexes.count(index, bounded(query, from, to));
  }
}
