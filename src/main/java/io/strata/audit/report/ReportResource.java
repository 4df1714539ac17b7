package io.strata.audit.report;

import io.smallrye.common.annotation.Blocking;
import io.strata.audit.Audited;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The audit reports of the caller's trail (its tenant's, the platform's for the operator): {@code
 * GET /api/v1/reports/{kind}?from=&to=&format=csv|pdf}, where kind is {@code access} (every read
 * of events, with its query and range), {@code changes} (every action that changed something),
 * {@code retention}, {@code erasures} or {@code integrity} (the chain verified, its head and newest
 * signed checkpoint). CSV carries every row (the full population); PDF a cover page, summary tables
 * and the chain's signed anchor. Needs the {@code audit} scope (auditors and admins) or the
 * operator's.
 *
 * <p>Making a report is recorded in the trail as {@code report.<kind>} with the SHA-256 of the
 * file sent, which the answer also carries as {@code Repr-Digest} (RFC 9530). 404 for an unknown
 * kind; 400 naming the parameter for a bad {@code format}, {@code from} or {@code to}; 422 for a
 * report past {@code strata.reports.max-size}; 503 when the record cannot be written.
 */
@Path("/api/v1/reports")
@RolesAllowed({Scopes.AUDIT, Scopes.OPERATOR})
public class ReportResource {

  private final ReportService reports;
  private final Callers callers;

  ReportResource(ReportService reports, Callers callers) {
    this.reports = reports;
    this.callers = callers;
  }

  /**
   * The report {@code kind} over {@code [from, to]} as a download. No {@code @Produces}: the type
   * is the format's, and a problem must still be answered as {@code application/problem+json}.
   */
  @GET
  @Path("{kind}")
  @Blocking
  @Audited("report")
  public Response report(@PathParam("kind") String kind, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("format") String format) {
    GeneratedReport report = reports.generate(callers.current(), kind, format, from, to);
    String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(report.sha256()));
    // The stream is closed once sent; its file is already unlinked, so nothing stays behind.
    return Response.ok(report.content(), report.format().contentType())
        .header("Content-Length", report.size())
        .header("Content-Disposition", "attachment; filename=\"" + report.fileName() + "\"")
        .header("Repr-Digest", "sha-256=:" + digest + ":")
        .build();
  }
}
