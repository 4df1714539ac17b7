package io.strata.retention;

import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.infra.time.TimeExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Checks a legal hold before it is placed, for the API and the console alike: a name, texts within
 * bounds, a query that parses, an absolute range. CPU work (the query): call on a worker thread.
 */
@ApplicationScoped
public class HoldChecks {

  private static final int MAX_TEXT = 255;
  private static final int MAX_REASON = 4000;

  private final EventFilters filters;

  HoldChecks(EventFilters filters) {
    this.filters = filters;
  }

  /** The hold {@code body} asks for; a 400 problem naming the field when it cannot be placed. */
  public LegalHoldService.ValidHold valid(HoldRequest body) {
    if (body == null) {
      throw invalid("Send {\"name\", \"case\", \"query\", \"from\", \"to\", \"reason\"}.", null);
    }
    String name = text(body.name(), "name", MAX_TEXT, true);
    String caseRef = text(body.caseRef(), "case", MAX_TEXT, false);
    String reason = text(body.reason(), "reason", MAX_REASON, false);
    String query = body.query() == null ? "" : body.query().strip();
    try {
      filters.query(query);
    } catch (QueryException e) {
      throw e.inField("query");
    }
    long now = System.currentTimeMillis();
    Instant from = time(body.from(), "from", now);
    Instant to = time(body.to(), "to", now);
    if (from != null && to != null && from.isAfter(to)) {
      throw invalid("'from' is after 'to'.", "from");
    }
    return new LegalHoldService.ValidHold(name, caseRef, query, from, to, reason);
  }

  private static String text(String value, String field, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw invalid("A hold needs a '" + field + "'.", field);
      }
      return null;
    }
    if (value.length() > max) {
      throw invalid("'" + field + "' is longer than " + max + " characters.", field);
    }
    return value.strip();
  }

  private static Instant time(String value, String field, long now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), field);
    }
  }

  private static ProblemException invalid(String detail, String field) {
    ProblemException problem = ProblemException.badRequest("invalid-hold", detail);
    return field == null ? problem : problem.with("field", field);
  }
}
