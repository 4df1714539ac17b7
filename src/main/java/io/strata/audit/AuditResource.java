package io.strata.audit;

import io.strata.audit.Audited;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.csv.CsvRow;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.security.Caller;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of the caller's tenant (the platform's for the operator): {@code GET
 * /api/v1/audit} (filtered, newest first, cursor paging), {@code GET /api/v1/audit/export} (CSV or
 * NDJSON, streamed) and {@code GET /api/v1/audit/verify} (the hash chain recomputed). Needs the
 * {@code audit} scope (auditors and admins) or the operator's. Every read of the trail is itself
 * recorded in it.
 */
@Path("/api/v1/audit")
@RolesAllowed({Scopes.AUDIT, Scopes.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  /** A page of the trail, and the cursor of the next (older) one. */
  public record AuditPage(List<AuditRecord> events, String cursor) {}

  static final List<String> CSV_COLUMNS = List.of("seq", "time", "tenant", "actor_type", "actor_id",
      "actor_name", "source", "user_agent", "action", "target", "params", "outcome", "status",
      "prev_hash", "hash");
  private static final int EXPORT_PAGE = 1000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AuditService audits;
  private final AuditReader reader;
  private final AuditTrail trail;
  private final Callers callers;
  private final ObjectMapper json;
  private final CheckpointSigner signer;

  AuditResource(AuditService audits, AuditReader reader, AuditTrail trail, Callers callers,
      ObjectMapper json, CheckpointSigner signer) {
    this.audits = audits;
    this.signer = signer;
    this.reader = reader;
    this.trail = trail;
    this.callers = callers;
    this.json = json.copy().disable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Events of the trail matching the filters, newest first; {@code cursor} continues a listing. */
  @GET
  @Blocking
  @Audited("audit.read")
  public AuditPage list(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("actor") String actor, @QueryParam("action") String action,
      @QueryParam("outcome") String outcome, @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    Integer size = QueryParams.integer("limit", limit);
    int pageSize = size == null ? 100 : size;
    List<AuditRecord> events = audits.read(callers.current(),
        new AuditQuery(from, to, actor, action, outcome), pageSize, cursor(cursor));
    String next = events.size() < pageSize ? null : Long.toString(events.getLast().seq());
    return new AuditPage(events, next);
  }

  /** The whole filtered trail as CSV (full population, RFC 4180) or NDJSON, newest first. */
  @GET
  @Path("export")
  @Blocking
  @Produces({"text/csv", "application/x-ndjson"})
  @Audited("audit.export")
  public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("actor") String actor, @QueryParam("action") String action,
      @QueryParam("outcome") String outcome, @QueryParam("format") String format) {
    Caller caller = callers.current();
    AuditQuery query = new AuditQuery(from, to, actor, action, outcome);
    AuditReader.Filter filter = audits.filter(caller, query);
    boolean csv = format == null || format.isBlank() || format.equals("csv");
    if (!csv && !format.equals("ndjson")) {
      throw ProblemException.badRequest("invalid-format", "'format' is csv or ndjson.")
          .with("parameter", "format");
    }
    Map<String, String> params = query.params();
    params.put("format", csv ? "csv" : "ndjson");
    trail.recordNow(AuditEntry.success(caller, "audit.export", filter.chain(), params)
        .inChain(filter.chain()));
    StreamingOutput body = out -> write(filter, csv, out);
    String file = "strata-audit-" + filter.chain() + "." + (csv ? "csv" : "ndjson");
    return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
  }

  /** Recomputes the chain over {@code [from, to]} (all of it by default). */
  @GET
  @Path("verify")
  @Blocking
  @Audited("audit.verify")
  public AuditVerification verify(@QueryParam("from") String from, @QueryParam("to") String to) {
    return audits.verify(callers.current(), from, to);
  }

  /** The public key that signs the trail's checkpoints, for checking them independently. */
  @GET
  @Path("public-key")
  @AuditExempt("the public key is public: it reveals nothing and changes nothing")
  public Map<String, String> publicKey() {
    return Map.of("algorithm", "Ed25519", "key_id", signer.keyId(),
        "public_key_pem", signer.publicKeyPem());
  }

  private void write(AuditReader.Filter filter, boolean csv, OutputStream out) throws IOException {
    CsvRow rows = new CsvRow(json);
    if (csv) {
      out.write(rows.header(CSV_COLUMNS).getBytes(StandardCharsets.UTF_8));
    }
    Long before = null;
    while (true) {
      List<AuditRecord> page = reader.page(filter, EXPORT_PAGE, before).await().atMost(WAIT);
      for (AuditRecord record : page) {
        Map<String, Object> fields = fields(record);
        out.write((csv ? rows.row(fields, CSV_COLUMNS) : json.writeValueAsString(fields) + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      if (page.size() < EXPORT_PAGE) {
        return;
      }
      before = page.getLast().seq();
    }
  }

  static Map<String, Object> fields(AuditRecord r) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", r.seq());
    fields.put("time", r.time().toString());
    fields.put("tenant", r.tenant());
    fields.put("actor_type", r.actorType());
    fields.put("actor_id", r.actorId());
    fields.put("actor_name", r.actorName());
    fields.put("source", r.source());
    fields.put("user_agent", r.userAgent());
    fields.put("action", r.action());
    fields.put("target", r.target());
    fields.put("params", r.params());
    fields.put("outcome", r.outcome());
    fields.put("status", r.status());
    fields.put("prev_hash", r.prevHash());
    fields.put("hash", r.hash());
    return fields;
  }

  private static Long cursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("invalid-cursor", "'cursor' is not one this API gave.")
          .with("parameter", "cursor");
    }
  }
}
