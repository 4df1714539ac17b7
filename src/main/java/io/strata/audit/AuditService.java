package io.strata.audit;

import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.security.Caller;
import io.strata.security.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Reading and verifying the trail, as the REST API and the console both do it: who may read which
 * chain, and the record of every read, which is written before anything of the trail is handed out
 * (a read that cannot be recorded does not happen).
 */
@ApplicationScoped
public class AuditService {

  /** The most events one read returns. */
  public static final int MAX_LIMIT = 1000;

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> OUTCOMES = List.of("success", "denied", "error");

  private final AuditReader reader;
  private final AuditVerifier verifier;
  private final AuditTrail trail;
  private final InstantSource clock;

  AuditService(AuditReader reader, AuditVerifier verifier, AuditTrail trail, InstantSource clock) {
    this.reader = reader;
    this.verifier = verifier;
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * Up to {@code limit} events of the caller's trail matching {@code query}, newest first, below
   * sequence {@code beforeSeq} (null for the newest); the read is recorded first.
   */
  @Audited("audit.read")
  public List<AuditRecord> read(Caller caller, AuditQuery query, int limit, Long beforeSeq) {
    AuditReader.Filter filter = filter(caller, query);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be 1 to " + MAX_LIMIT + ".")
          .with("parameter", "limit");
    }
    trail.recordNow(AuditEntry.success(caller, "audit.read", filter.chain(), query.params())
        .inChain(filter.chain()));
    return reader.page(filter, limit, beforeSeq).await().atMost(WAIT);
  }

  /** Recomputes the caller's chain over {@code [from, to]} (all of it when null); recorded first. */
  @Audited("audit.verify")
  public AuditVerification verify(Caller caller, String from, String to) {
    AuditQuery query = new AuditQuery(from, to, null, null, null);
    AuditReader.Filter filter = filter(caller, query);
    trail.recordNow(AuditEntry.success(caller, "audit.verify", filter.chain(), query.params())
        .inChain(filter.chain()));
    return verifier.verify(filter.chain(), filter.from(), filter.to());
  }

  /**
   * The caller's trail (its tenant's, the platform's for the operator) narrowed by {@code query};
   * a 403 problem for a caller without the {@code audit} scope, a 400 naming the parameter that is
   * not a time or an outcome.
   */
  @AuditExempt("checks who may read which trail and parses the filters; reads nothing")
  public AuditReader.Filter filter(Caller caller, AuditQuery query) {
    if (!caller.has(Scopes.AUDIT) && !caller.has(Scopes.OPERATOR)) {
      throw ProblemException.forbidden("Reading the audit trail needs the 'audit' scope.");
    }
    String chain = caller.tenant() != null ? caller.tenant()
        : caller.has(Scopes.OPERATOR) ? AuditEntry.PLATFORM : caller.requireTenant();
    String outcome = blankToNull(query.outcome());
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw ProblemException.badRequest("invalid-outcome", "'outcome' is success, denied or error.")
          .with("parameter", "outcome");
    }
    long now = clock.millis();
    return new AuditReader.Filter(chain, time("from", query.from(), now),
        time("to", query.to(), now), blankToNull(query.actor()), blankToNull(query.action()),
        outcome);
  }

  private static Instant time(String parameter, String value, long now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Instant.ofEpochMilli(QueryParams.time(parameter, value, now));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
