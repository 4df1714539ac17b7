package io.strata.search;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.Query;

/**
 * Queries exactly as a search parses them ({@link EventQueryParser} with the default {@link
 * QueryLimits}), for tests and benchmarks outside this package. Test code only.
 */
public final class TestEventQueries {

  private static final QueryLimits LIMITS = TestQueryLimits.defaults();

  private TestEventQueries() {}

  /** {@code q} parsed with relative times ("now-1h") read as of {@code nowMillis}. */
  public static Query parse(String q, long nowMillis) {
    return new EventQueryParser(new StandardAnalyzer(), nowMillis, LIMITS).parseQuery(q);
  }
}
