package io.strata.search;

import io.strata.infra.http.ProblemException;

/** A query that cannot be parsed; carries where the parser stopped. */
public class QueryException extends ProblemException {

  public QueryException(String detail, Integer column) {
    super(400, "malformed-query", "Malformed query", detail);
    with("parameter", "q");
    if (column != null) {
      with("column", column);
    }
  }
}
