package io.strata.retention;

import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.infra.time.TimeExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Checks an erasure request before it is taken, for the API and the console alike: a query that
 * names some events and can be matched event by event, a reason, and a reach within the allowed
 * share of the range. Blocking (it counts events): call on a worker thread.
 */
@ApplicationScoped
public class ErasureChecks {

  private static final int MAX_REASON = 4000;

  private final ErasureParts parts;
  private final StreamSelectors selectors;
  private final EventFilters filters;
  private final ErasureConfig config;

  ErasureChecks(ErasureParts parts, StreamSelectors selectors, EventFilters filters,
      ErasureConfig config) {
    this.parts = parts;
    this.selectors = selectors;
    this.filters = filters;
    this.config = config;
  }

  /** The erasure {@code body} asks for; a 400 problem naming the field when it is refused. */
  public ErasureService.ValidErasure valid(String tenant, ErasureRequest body) {
    if (body == null) {
      throw invalid("Send {\"query\", \"from\", \"to\", \"reason\"}.", null);
    }
    if (body.query() == null || body.query().isBlank()) {
      throw invalid("An erasure needs a 'query' naming the data subject's events, such as"
          + " user.email:\"a@b.example\".", "query");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw invalid("An erasure needs a 'reason' (it goes on the receipt).", "reason");
    }
    if (body.reason().length() > MAX_REASON) {
      throw invalid("'reason' is longer than " + MAX_REASON + " characters.", "reason");
    }
    String q = body.query().strip();
    Query query;
    try {
      query = filters.query(q);
      selectors.compileQueries(List.of(q));
    } catch (QueryException e) {
      throw e.inField("query");
    } catch (IllegalArgumentException e) {
      throw invalid("The query cannot be used for an erasure: " + e.getMessage(), "query");
    }
    if (query instanceof MatchAllDocsQuery) {
      throw invalid("The query matches every event; erasure is for a data subject's events.",
          "query");
    }
    long now = System.currentTimeMillis();
    Instant from = time(body.from(), "from", now, Instant.EPOCH);
    Instant to = time(body.to(), "to", now, Instant.ofEpochMilli(now));
    if (from.isAfter(to)) {
      throw invalid("'from' is after 'to'.", "from");
    }
    ErasureScope.Counts counts;
    try {
      counts = parts.count(tenant, q, from, to);
    } catch (ErasureParts.NodesMissing e) {
      // The reach cannot be checked without every node's events: refuse now rather than erase
      // more than a data subject's events later.
      throw new ProblemException(503, "nodes-unavailable", "Service unavailable",
          "The erasure's reach cannot be checked: " + e.getMessage() + ". Try again.")
          .with("missing", e.missing()).retryAfter(10);
    }
    if (counts.total() > 0 && counts.matched() > config.maxShare() * counts.total()) {
      throw invalid("The query matches " + counts.matched() + " of the " + counts.total()
          + " events of the range, more than the " + Math.round(config.maxShare() * 100)
          + "% an erasure may; erasure is for a data subject's events.", "query")
          .with("matched", counts.matched()).with("total", counts.total());
    }
    return new ErasureService.ValidErasure(q, from, to, body.reason().strip());
  }

  private static Instant time(String value, String field, long now, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), field);
    }
  }

  private static ProblemException invalid(String detail, String field) {
    ProblemException problem = ProblemException.badRequest("invalid-erasure", detail);
    return field == null ? problem : problem.with("field", field);
  }
}
