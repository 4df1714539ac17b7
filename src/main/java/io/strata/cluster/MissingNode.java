package io.strata.cluster;

/**
 * A node whose part of a read is missing from the answer, and why, as Elasticsearch lists the
 * failed shards of a search.
 */
public record MissingNode(String node, String reason) {

  /** Why a call to a node failed, in words: the failure's message, or its kind when it has none. */
  public static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    if (cause instanceof java.net.ConnectException) {
      return "not reachable (connection refused)";
    }
    if (cause instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
