package io.strata.retention;

import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;

/**
 * One page of a newest-first listing: at most {@code limit} rows, after {@code after} (null: from
 * the newest).
 */
public record PageRequest(int limit, ListCursor after) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** The page the query parameters ask for; a 400 problem naming the parameter otherwise. */
  static PageRequest of(String limit, String cursor) {
    Integer size = QueryParams.integer("limit", limit);
    if (size != null && (size < 1 || size > MAX_LIMIT)) {
      throw ProblemException.badRequest("invalid-limit",
          "'limit' must be from 1 to " + MAX_LIMIT + ", was " + size + ".")
          .with("parameter", "limit");
    }
    return new PageRequest(size == null ? DEFAULT_LIMIT : size,
        cursor == null || cursor.isBlank() ? null : ListCursor.decode(cursor));
  }
}
