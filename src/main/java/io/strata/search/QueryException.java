package io.strata.search;

import io.strata.infra.http.ProblemException;

/** A query that cannot be parsed; carries where the parser stopped. */
public class QueryException extends ProblemException {

  public QueryException(String detail, Integer column) {
    this("malformed-query", "Malformed query", detail, column);
  }

  protected QueryException(String type, String title, String detail, Integer column) {
    super(400, type, title, detail);
    with("parameter", "q");
    if (column != null) {
      with("column", column);
    }
  }

  /** The same problem about {@code q} sent as a member of a JSON body rather than a parameter. */
  public QueryException inField(String field) {
    extensions().remove("parameter");
    with("field", field);
    return this;
  }
}
