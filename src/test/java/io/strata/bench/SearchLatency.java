package io.strata.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Times a fixed set of searches over everything just ingested, one after another. */
final class SearchLatency {

  /**
   * One request of the set: a search page, or an aggregation endpoint with its extra parameters.
   */
  record Query(String name, String q, String path, String extra) {
    Query(String name, String q) {
      this(name, q, "/api/v1/search", null);
    }
  }

  /** How one query did: what it found, client wall time and the server's took_ms. */
  record Timing(String name, String q, long total, String relation, int events, double p50Ms,
      double p99Ms, double meanMs, double serverP50Ms, double serverP99Ms) {}

  static final String FROM = "now-2d";
  static final String TO = "now+1d";

  private SearchLatency() {}

  /** The standard set: selective ids, keyword combinations, a phrase, ranges, a wildcard, all. */
  static List<Query> standardQueries(EventGenerator.Dataset data) {
    List<Query> queries = new ArrayList<>();
    queries.add(new Query("trace id", "trace_id:" + data.knownTraceId()));
    queries.add(new Query("request id", "request_id:\"" + data.knownRequestId() + "\""));
    if (data.knownUserId() != null) {
      queries.add(new Query("user id + level", "user_id:" + data.knownUserId() + " AND level:INFO"));
    }
    queries.add(new Query("service AND level", "service:checkout AND level:ERROR"));
    queries.add(new Query("phrase", "\"connection refused\""));
    queries.add(new Query("word in message", "deadlock"));
    queries.add(new Query("status range", "http.status:[500 TO 599]"));
    queries.add(new Query("duration > 900", "duration_ms:>900"));
    queries.add(new Query("wildcard", "service:pay*"));
    queries.add(new Query("everything", ""));
    queries.add(new Query("histogram, all", "", "/api/v1/histogram", null));
    queries.add(new Query("histogram, errors", "level:ERROR", "/api/v1/histogram", null));
    queries.add(new Query("histogram split by level", "", "/api/v1/histogram", "split=level"));
    queries.add(new Query("facets service/level/host, all", "", "/api/v1/facets",
        "fields=service,level,host"));
    queries.add(new Query("facets, service AND level", "service:checkout AND level:ERROR",
        "/api/v1/facets", "fields=service,level,host"));
    queries.add(new Query("facet of a number (http.status)", "", "/api/v1/facets",
        "fields=http.status"));
    queries.add(new Query("fields", "", "/api/v1/fields", null));
    return queries;
  }

  /** Runs each query {@code warmup} times untimed, then {@code runs} times timed. */
  static List<Timing> run(StrataClient client, String key, List<Query> queries, int warmup, int runs,
      int limit, Deadline deadline) throws IOException, InterruptedException {
    for (int w = 0; w < warmup; w++) {
      for (Query query : queries) {
        client.request(key, query.path(), query.q(), FROM, TO, limit, query.extra());
      }
      deadline.check("search warm-up");
    }
    Map<Query, double[]> wallMs = new LinkedHashMap<>();
    Map<Query, double[]> tookMs = new LinkedHashMap<>();
    Map<Query, StrataClient.Result> last = new LinkedHashMap<>();
    for (Query query : queries) {
      wallMs.put(query, new double[runs]);
      tookMs.put(query, new double[runs]);
    }
    // Round-robin over the queries, so that no query benefits from running right after itself.
    for (int r = 0; r < runs; r++) {
      for (Query query : queries) {
        StrataClient.Result result = client.request(key, query.path(), query.q(), FROM, TO, limit, query.extra());
        wallMs.get(query)[r] = result.clientNanos() / 1e6;
        tookMs.get(query)[r] = result.tookMs();
        last.put(query, result);
      }
      deadline.check("search timing");
    }
    List<Timing> timings = new ArrayList<>();
    for (Query query : queries) {
      double[] wall = wallMs.get(query);
      double[] took = tookMs.get(query);
      StrataClient.Result result = last.get(query);
      timings.add(new Timing(query.name(), query.q(), result.total(), result.relation(),
          result.events(), Stats.percentile(wall, 50), Stats.percentile(wall, 99), Stats.mean(wall),
          Stats.percentile(took, 50), Stats.percentile(took, 99)));
    }
    return timings;
  }
}
