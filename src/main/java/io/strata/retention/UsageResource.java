package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.audit.AuditExempt;
import io.strata.cluster.MissingNode;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Events and bytes kept per day and retention class, on every node: what a tenant admin weighs when
 * choosing retention. The operator sees every tenant. {@code partial} says a node's indexes are
 * missing from the sums ({@code missing} names it).
 */
@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  /** One index: a tenant's day in one class. */
  public record DayUsage(
      @JsonProperty("tenant") String tenant,
      @JsonProperty("day") LocalDate day,
      @JsonProperty("class") String retentionClass,
      @JsonProperty("events") long events,
      @JsonProperty("bytes") long bytes) {}

  /** The days of the range, oldest first, and what they add up to. */
  public record Usage(
      @JsonProperty("from") LocalDate from,
      @JsonProperty("to") LocalDate to,
      @JsonProperty("days") List<DayUsage> days,
      @JsonProperty("events") long events,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("partial") boolean partial,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("missing")
      List<MissingNode> missing) {}

  private final RetentionParts parts;
  private final SecurityIdentity identity;

  UsageResource(RetentionParts parts, SecurityIdentity identity) {
    this.parts = parts;
    this.identity = identity;
  }

  /** Usage over {@code [from, to]} (search's time forms; default the last 30 days). */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT, Scopes.OPERATOR})
  @AuditExempt("reads index sizes and counts: no events, nothing changed")
  public Usage usage(@QueryParam("from") String from, @QueryParam("to") String to) {
    long now = System.currentTimeMillis();
    LocalDate first = day(from == null || from.isBlank() ? "now-30d" : from, "from", now);
    LocalDate last = day(to == null || to.isBlank() ? "now" : to, "to", now);
    if (first.isAfter(last)) {
      throw ProblemException.badRequest("invalid-time-range", "'from' is after 'to'.")
          .with("parameter", "from");
    }
    String tenant = identity.hasRole(Scopes.OPERATOR) ? IndexUsage.ALL_TENANTS
        : CallerTenant.of(identity);
    RetentionParts.Merged<DayUsage> days = parts.usage(tenant, first, last);
    long events = days.rows().stream().mapToLong(DayUsage::events).sum();
    long bytes = days.rows().stream().mapToLong(DayUsage::bytes).sum();
    return new Usage(first, last, days.rows(), events, bytes, !days.missing().isEmpty(),
        days.missing());
  }

  private static LocalDate day(String value, String parameter, long now) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(QueryParams.time(parameter, value, now)),
        ZoneOffset.UTC);
  }
}
