package io.strata.ingest;

import io.strata.audit.AuditExempt;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Locale;

/**
 * The native ingest API: {@code POST /api/v1/ingest} with NDJSON ({@code application/x-ndjson}, one
 * event per line; lines that are not JSON are plain-text events) or JSON (an object or an array of
 * objects). Answers only once Kafka holds the events; a tenant over its ingest limit gets 429 with
 * Retry-After. With an {@code Idempotency-Key} header a retried request stores its events once
 * (see {@link IdempotencyKeys}); without it, PostgreSQL is not involved.
 * An event that no class of the tenant's retention keeps is answered as rejected.
 */
@Path("/api/v1/ingest")
@AuditExempt("ingest: events are data, not actions (counted in metrics); refused credentials are recorded by RefusedRequests")
public class IngestResource {

  private final IngestService ingest;
  private final SecurityIdentity identity;
  private final IdempotencyKeys idempotencyKeys;

  IngestResource(IngestService ingest, SecurityIdentity identity,
      IdempotencyKeys idempotencyKeys) {
    this.ingest = ingest;
    this.identity = identity;
    this.idempotencyKeys = idempotencyKeys;
  }

  /**
   * Accepts a batch of events for the caller's tenant: 200 with the count kept and a reason for each
   * event rejected; 413 for a body over the limit; 429 with Retry-After for a tenant over its
   * limit; 503 with Retry-After when Kafka cannot take it. With an {@code Idempotency-Key}: the
   * stored answer again for a retry of an answered request, 422 for a key used by another request,
   * 409 with Retry-After while the key's first request is in flight, 400 for a malformed key.
   */
  @POST
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response ingest(InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
    String tenant = CallerTenant.of(identity);
    // A malformed key is refused before anything is read or counted against the tenant.
    IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey);
    int eventsPerSecond = CallerTenant.eventsPerSecond(identity);
    int partitions = CallerTenant.partitions(identity);
    ingest.admit(tenant, eventsPerSecond);
    BodyReader.Body read = ingest.read(body, contentEncoding, contentLength);
    boolean json = isJson(contentType, read);
    // Answered on this worker thread (see IngestService#publish).
    if (key == null) {
      return publish(tenant, eventsPerSecond, partitions, read, json, null)
          .map(result -> Response.ok(result).build()).await().indefinitely();
    }
    String requestHash = IdempotencyKey.requestHash(json, read.bytes(), read.length());
    return idempotencyKeys.once(tenant, key, requestHash,
        () -> publish(tenant, eventsPerSecond, partitions, read, json,
            key.eventIds(requestHash))).await().indefinitely();
  }

  /**
   * Parses and publishes the request; with {@code ids}, its events carry them as document ids and
   * its records go to partitions chosen from them, so that a retry of a request Kafka may have
   * stored after all (a 503) replaces rather than repeats its events.
   */
  private Uni<IngestResult> publish(String tenant, int eventsPerSecond, int partitions,
      BodyReader.Body read, boolean json, String ids) {
    RequestParser parser = new RequestParser(ingest.config(), System.currentTimeMillis(),
        ingest.arrivalCutoff(tenant));
    if (ids != null) {
      parser.identify(ids);
    }
    ParsedRequest parsed = json
        ? parser.parseJson(read.bytes(), read.length())
        : parser.parseLines(read.bytes(), read.length());
    return ingest.publish(tenant, eventsPerSecond, partitions, parsed.records(), parsed.accepted(),
            parsed.rejected(), ids == null ? IngestService.IN_TURN : ids.hashCode())
        .invoke(() -> ingest.countExpired(tenant, parsed.expired()))
        .map(ignored -> new IngestResult(parsed.accepted(), parsed.rejected(), parsed.errors()));
  }

  /**
   * {@code application/json} is read as JSON documents; NDJSON, text and unlabelled bodies as lines,
   * unless an unlabelled body starts with a JSON array of objects or strings.
   */
  private static boolean isJson(String contentType, BodyReader.Body body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json") || type.contains("+json")) {
      return true;
    }
    if (!type.isEmpty() && !type.startsWith("application/octet-stream")) {
      return false;
    }
    // "[Sun Dec 04 04:47:44 2005] [notice] ..." starts with '[' too (#13): only what follows the
    // bracket tells an array of events from a log file.
    int i = skipBlanks(body, 0);
    if (i == body.length() || body.bytes()[i] != '[') {
      return false;
    }
    i = skipBlanks(body, i + 1);
    return i < body.length() && (body.bytes()[i] == '{' || body.bytes()[i] == '"'
        || body.bytes()[i] == ']');
  }

  private static int skipBlanks(BodyReader.Body body, int from) {
    int i = from;
    while (i < body.length() && (body.bytes()[i] == ' ' || body.bytes()[i] == '\n'
        || body.bytes()[i] == '\r' || body.bytes()[i] == '\t')) {
      i++;
    }
    return i;
  }
}
