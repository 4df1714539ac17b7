package io.strata.export;

import io.strata.audit.Audited;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.http.QueryParams;
import io.strata.security.Caller;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import io.strata.cluster.MissingNode;
import java.util.stream.Collectors;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Downloads all of the caller's matching events: {@code GET
 * /api/v1/export?q=&from=&to=&format=ndjson|csv&fields=&limit=}, newest first, streamed. CSV has a
 * header row and the columns of {@code fields} (default {@code @timestamp,level,service,host,
 * message,_id}). Needs the {@code search} scope.
 */
@Path("/api/v1/export")
@RolesAllowed(Scopes.SEARCH)
public class ExportResource {

  private static final Logger LOG = Logger.getLogger(ExportResource.class);

  /** Names the nodes whose events an export with {@code allow_partial=true} lacks. */
  public static final String PARTIAL_HEADER = "Strata-Partial-Missing";

  private final ExportService exports;
  private final Callers callers;

  ExportResource(ExportService exports, Callers callers) {
    this.exports = exports;
    this.callers = callers;
  }

  /** The export as an attachment; problems are answered before the first byte is sent. */
  @GET
  @Blocking
  @Audited("export")
  public Response export(@QueryParam("q") String q, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("format") String format,
      @QueryParam("fields") String fields, @QueryParam("limit") String limit,
      @QueryParam("allow_partial") String allowPartial) {
    Caller caller = callers.current();
    ExportService.Export export = exports.prepare(caller, q, from, to, format, fields,
        QueryParams.integer("limit", limit), QueryParams.bool("allow_partial", allowPartial));
    String tenant = export.tenant();
    StreamingOutput body = out -> {
      try {
        exports.write(export, out);
      } catch (RuntimeException e) {
        // The status is sent already: all that is left is to cut the stream short.
        LOG.errorf(e, "Export for tenant %s failed midway", tenant);
        throw e;
      }
    };
    String file = "strata-" + tenant + "-" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        .toString().replace(":", "") + "." + export.format().extension();
    Response.ResponseBuilder response = Response.ok(body, export.format().mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    if (!export.missing().isEmpty()) {
      response.header(PARTIAL_HEADER, export.missing().stream().map(MissingNode::node)
          .collect(Collectors.joining(",")));
    }
    return response.build();
  }
}
