package io.strata.ui.search;

/**
 * The clauses the facet panel adds to a query: a field equal to a value, or not. The value is
 * always quoted, so that spaces, colons and wildcards in it are matched as they are.
 */
final class QueryClauses {

  private QueryClauses() {}

  /** {@code field:"value"}. */
  static String include(String field, String value) {
    return field + ":\"" + escape(value) + "\"";
  }

  /** {@code NOT field:"value"}. */
  static String exclude(String field, String value) {
    return "NOT " + include(field, value);
  }

  /**
   * {@code query} narrowed by {@code clause}; the query is bracketed, so that an OR in it cannot
   * swallow the clause.
   */
  static String and(String query, String clause) {
    return query == null || query.isBlank() ? clause : "(" + query.strip() + ") AND " + clause;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
