package io.strata.audit;

import io.strata.audit.Audited;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.common.annotation.Blocking;
import io.strata.export.CsvRow;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import io.strata.search.TimeExpressions;
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
import java.time.Instant;
import java.time.InstantSource;
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
  private static final int MAX_LIMIT = 1000;
  private static final int EXPORT_PAGE = 1000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AuditReader reader;
  private final AuditVerifier verifier;
  private final AuditTrail trail;
  private final Callers callers;
  private final InstantSource clock;
  private final ObjectMapper json;
  private final CheckpointSigner signer;

  AuditResource(AuditReader reader, AuditVerifier verifier, AuditTrail trail, Callers callers,
      InstantSource clock, ObjectMapper json, CheckpointSigner signer) {
    this.signer = signer;
    this.reader = reader;
    this.verifier = verifier;
    this.trail = trail;
    this.callers = callers;
    this.clock = clock;
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
    Caller caller = callers.current();
    AuditReader.Filter filter = filter(caller, from, to, actor, action, outcome);
    Integer size = QueryParams.integer("limit", limit);
    int pageSize = size == null ? 100 : size;
    if (pageSize < 1 || pageSize > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be 1 to " + MAX_LIMIT + ".")
          .with("parameter", "limit");
    }
    Long before = cursor(cursor);
    // Recorded first: a read of the trail that cannot be recorded does not happen.
    trail.recordNow(AuditEntry.success(caller, "audit.read", filter.chain(),
        params(from, to, actor, action, outcome)).inChain(filter.chain()));
    List<AuditRecord> events = reader.page(filter, pageSize, before).await().atMost(WAIT);
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
    AuditReader.Filter filter = filter(caller, from, to, actor, action, outcome);
    boolean csv = format == null || format.isBlank() || format.equals("csv");
    if (!csv && !format.equals("ndjson")) {
      throw ProblemException.badRequest("invalid-format", "'format' is csv or ndjson.")
          .with("parameter", "format");
    }
    Map<String, String> params = params(from, to, actor, action, outcome);
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
    Caller caller = callers.current();
    AuditReader.Filter filter = filter(caller, from, to, null, null, null);
    trail.recordNow(AuditEntry.success(caller, "audit.verify", filter.chain(),
        params(from, to, null, null, null)).inChain(filter.chain()));
    return verifier.verify(filter.chain(), filter.from(), filter.to());
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

  /** The chain the caller may read: its tenant's, or the platform's for the operator. */
  private AuditReader.Filter filter(Caller caller, String from, String to, String actor,
      String action, String outcome) {
    String chain = caller.tenant() != null ? caller.tenant()
        : caller.has(Scopes.OPERATOR) ? AuditEntry.PLATFORM : caller.requireTenant();
    long now = clock.millis();
    if (outcome != null && !List.of("success", "denied", "error").contains(outcome)) {
      throw ProblemException.badRequest("invalid-outcome", "'outcome' is success, denied or error.")
          .with("parameter", "outcome");
    }
    return new AuditReader.Filter(chain, time("from", from, now), time("to", to, now),
        blankToNull(actor), blankToNull(action), blankToNull(outcome));
  }

  private static Instant time(String parameter, String value, long now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(TimeExpressions.parse(value, now));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage()).with("parameter", parameter);
    }
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Map<String, String> params(String from, String to, String actor, String action,
      String outcome) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", from);
    params.put("to", to);
    params.put("actor", actor);
    params.put("action", action);
    params.put("outcome", outcome);
    return params;
  }
}
