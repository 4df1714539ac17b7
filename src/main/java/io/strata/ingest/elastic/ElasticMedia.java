package io.strata.ingest.elastic;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * Elasticsearch's vendor media types: a client that asks for {@code
 * application/vnd.elasticsearch+json; compatible-with=N} gets its answer labelled so, as from
 * Elasticsearch itself; any other client gets {@code application/json}.
 */
final class ElasticMedia {

  private ElasticMedia() {}

  static String responseType(HttpHeaders headers) {
    String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
    if (accept == null || !accept.contains("vnd.elasticsearch+")) {
      accept = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    }
    if (accept != null && accept.contains("vnd.elasticsearch+")) {
      int at = accept.indexOf("compatible-with=");
      if (at >= 0) {
        int from = at + "compatible-with=".length();
        int to = from;
        while (to < accept.length() && Character.isDigit(accept.charAt(to))) {
          to++;
        }
        if (to > from) {
          return "application/vnd.elasticsearch+json;compatible-with=" + accept.substring(from, to);
        }
      }
    }
    return "application/json";
  }
}
