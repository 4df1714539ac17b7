package io.strata.retention;

import io.strata.index.DocumentMatcher;
import io.strata.index.TenantIndexes;
import io.strata.search.EventFilters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * Turns stream selectors (search syntax) into the matcher the indexing path runs per event. A
 * selector picks events by what they are, so one that names {@code @timestamp} is refused: it
 * would be read once, when the policy is compiled, and then mean something else every day.
 */
@ApplicationScoped
public class StreamSelectors {

  private final EventFilters filters;
  private final TenantIndexes indexes;

  StreamSelectors(EventFilters filters, TenantIndexes indexes) {
    this.filters = filters;
    this.indexes = indexes;
  }

  /**
   * Checks that {@code selector} parses and can be matched on the indexing path; throws a problem
   * or an {@link IllegalArgumentException} saying why not. CPU work: call on a worker thread.
   */
  public void check(String selector) {
    compile(List.of(selector));
  }

  /** The matcher of search queries (erasures), in this order; no check on what they name. */
  public DocumentMatcher compileQueries(List<String> queries) {
    return DocumentMatcher.compile(queries.stream().map(filters::query).toList(),
        indexes.messageAnalyzer());
  }

  /** The matcher of {@code selectors}, in this order (the first that matches wins). */
  public DocumentMatcher compile(List<String> selectors) {
    List<Query> queries = new ArrayList<>(selectors.size());
    for (String selector : selectors) {
      if (selector.contains("@timestamp")) {
        throw new IllegalArgumentException("a selector picks events by their fields, not by time"
            + " (@timestamp); retention already counts from each event's day.");
      }
      queries.add(filters.query(selector));
    }
    return DocumentMatcher.compile(queries, indexes.messageAnalyzer());
  }
}
