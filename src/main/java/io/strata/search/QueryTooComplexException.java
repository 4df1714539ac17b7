package io.strata.search;

/**
 * A query refused for the work it would cost, before that work is done. Names the limit in {@code
 * limit} (see {@link QueryLimits}) and, where it is known, the {@code column} of the offending part.
 */
public class QueryTooComplexException extends QueryException {

  QueryTooComplexException(String limit, String detail, Integer column) {
    super("query-too-complex", "Query too complex", detail, column);
    with("limit", limit);
  }
}
