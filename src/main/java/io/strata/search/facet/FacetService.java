package io.strata.search.facet;

import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.audit.AuditExempt;
import io.strata.search.EventFilter;
import io.strata.search.ShardFanOut;
import io.strata.search.EventFilters;
import io.strata.search.MatchingDocs;
import io.strata.search.ValueCounter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;

/**
 * Top values of fields over a tenant's matching events, counted from doc values and postings of the
 * matches (see {@link ValueCounter}), never from stored events.
 */
@ApplicationScoped
public class FacetService {

  static final String DEFAULT_FIELDS = "service,level,host";
  static final int DEFAULT_SIZE = 10;
  /** The most values per field a caller may ask for. */
  public static final int MAX_SIZE = 1000;
  /** The most fields one request may facet. */
  public static final int MAX_FIELDS = 20;

  private final TenantIndexes indexes;
  private final EventFilters filters;

  private final AuditTrail audit;
  private final ShardFanOut fanOut;

  FacetService(TenantIndexes indexes, EventFilters filters, AuditTrail audit,
      ShardFanOut fanOut) {
    this.audit = audit;
    this.fanOut = fanOut;
    this.indexes = indexes;
    this.filters = filters;
  }

  /** The top {@code size} values of each of {@code fields} over {@code q} in {@code [from, to]}. */
  @Audited("facets")
  public FacetResponse facets(Caller caller, String q, String from, String to, String fields,
      Integer size) {
    return audit.auditedNow(AuditEntry.success(caller, "facets", null, AuditEntry.params(
            "q", q, "from", from, "to", to, "fields", fields)),
        () -> facets(caller.requireTenant(), q, from, to, fields, size));
  }

  private FacetResponse facets(String tenant, String q, String from, String to, String fields,
      Integer size) {
    long started = System.nanoTime();
    EventFilter filter = filters.parse(q, from, to);
    int top = size == null ? DEFAULT_SIZE : size;
    if (top < 1 || top > MAX_SIZE) {
      throw ProblemException.badRequest("invalid-size", "'size' must be between 1 and " + MAX_SIZE
          + ", was " + top + ".").with("parameter", "size");
    }
    List<String> names = fieldNames(fields);
    FacetResponse answer;
    if (fanOut.distributed() && filter.text() != null) {
      int fetched = Math.min(MAX_SIZE, top * 2 + 10);
      FacetShardRequest request = new FacetShardRequest(filter.text(), filter.fromMillis(),
          filter.toMillis(), filter.nowMillis(), names, fetched);
      ShardFanOut.Parts<FacetResponse> parts = fanOut.ask(tenant, ShardFacetResource.PATH, request,
          FacetResponse.class, () -> local(tenant, filter, names, fetched));
      answer = FacetMerge.merge(parts.answers(), names, top, fetched, parts.missing());
    } else {
      answer = local(tenant, filter, names, top);
    }
    return new FacetResponse(answer.facets(), answer.total(), answer.incomplete(),
        (System.nanoTime() - started) / 1_000_000, answer.partial(), answer.missing());
  }

  /** This node's part of a facet count another node asked for. */
  @AuditExempt("a node's part of a read another node records")
  public FacetResponse local(String tenant, FacetShardRequest request) {
    return local(tenant, filters.at(request.q(), request.fromMillis(), request.toMillis(),
        request.nowMillis()), request.fields(), request.size());
  }

  private FacetResponse local(String tenant, EventFilter filter, List<String> names, int top) {
    long started = System.nanoTime();
    List<ValueCounter> counters = names.stream().map(ValueCounter::new).toList();
    long total = 0;
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = bucket.searchers().acquire();
        try {
          List<MatchingDocs.Leaf> leaves = MatchingDocs.collect(searcher, filter.timeBounded());
          total += MatchingDocs.count(leaves);
          for (ValueCounter counter : counters) {
            for (MatchingDocs.Leaf leaf : leaves) {
              counter.add(leaf);
            }
          }
        } finally {
          bucket.searchers().release(searcher);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<ValueCounter.ValueCount>> facets = new LinkedHashMap<>();
    List<String> incomplete = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      facets.put(names.get(i), counters.get(i).top(top));
      if (counters.get(i).incomplete()) {
        incomplete.add(names.get(i));
      }
    }
    return new FacetResponse(facets, total, incomplete.isEmpty() ? null : incomplete,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static List<String> fieldNames(String fields) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : (fields == null || fields.isBlank() ? DEFAULT_FIELDS : fields).split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.length() > 256) {
        throw ProblemException.badRequest("invalid-fields", "A field name in 'fields' is longer than"
            + " 256 characters.").with("parameter", "fields");
      }
      names.add(trimmed);
    }
    if (names.isEmpty() || names.size() > MAX_FIELDS) {
      throw ProblemException.badRequest("invalid-fields", "'fields' must name 1 to " + MAX_FIELDS
          + " fields, comma-separated.").with("parameter", "fields");
    }
    return List.copyOf(names);
  }
}
