package io.strata.ingest.otlp;

import io.strata.audit.AuditExempt;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.strata.infra.http.ProblemException;
import io.strata.ingest.BodyReader;
import io.strata.ingest.IngestService;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * OTLP logs over HTTP, {@code POST /v1/logs}, for OpenTelemetry SDKs, the Collector and the other
 * OTLP exporters: a binary protobuf ({@code application/x-protobuf}) or JSON ({@code
 * application/json}) {@code ExportLogsServiceRequest}, optionally gzip- or deflate-encoded.
 *
 * <p>Answers as OTLP/HTTP specifies, in the request's encoding: 200 with an empty {@code
 * ExportLogsServiceResponse} once Kafka holds every log record; 200 with {@code partial_success}
 * ({@code rejected_log_records} and {@code error_message}) when some were rejected, the others
 * being stored before that answer. Whole-request failures answer a {@code google.rpc.Status}: 400
 * (with a {@code BadRequest} detail) for a body that cannot be decoded, nothing of it stored; 401,
 * 403, 413, 415; 429 (tenant limit) and 503 (Kafka) with Retry-After, which OTLP clients retry.
 */
@Path("/v1/logs")
@AuditExempt("ingest: events are data, not actions (counted in metrics); refused credentials are recorded by RefusedRequests")
public class OtlpLogsResource {

  private final IngestService ingest;
  private final SecurityIdentity identity;

  OtlpLogsResource(IngestService ingest, SecurityIdentity identity) {
    this.ingest = ingest;
    this.identity = identity;
  }

  @POST
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response export(InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
    OtlpEncoding encoding = OtlpEncoding.find(contentType);
    if (encoding == null) {
      throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
          "Content-Type '" + contentType + "' is not OTLP: send application/x-protobuf or "
              + "application/json.");
    }
    String tenant = CallerTenant.of(identity);
    int eventsPerSecond = CallerTenant.eventsPerSecond(identity);
    ingest.admit(tenant, eventsPerSecond);
    BodyReader.Body read = ingest.read(body, contentEncoding, contentLength);
    OtlpEvents events = new OtlpEvents(ingest.config(), System.currentTimeMillis());
    try {
      if (encoding == OtlpEncoding.JSON) {
        OtlpJsonDecoder.decode(read.bytes(), read.length(), events);
      } else {
        OtlpProtobufDecoder.decode(read.bytes(), read.length(), events);
      }
    } catch (OtlpDecodeException e) {
      throw ProblemException.badRequest("malformed-request", "The body is not a valid OTLP "
              + "ExportLogsServiceRequest (" + encoding.mediaType + "): " + e.field() + ": "
              + e.getMessage() + ". Nothing of this request was stored.")
          .with("field", e.field());
    }
    OtlpEvents.Result result = events.finish();
    if (result.accepted() == 0) {
      return answer(encoding, result);
    }
    // Answered on this worker thread (see IngestService#publish).
    ingest.publish(tenant, eventsPerSecond, CallerTenant.partitions(identity), result.records(),
        result.accepted(), result.rejected()).await().indefinitely();
    return answer(encoding, result);
  }

  private static Response answer(OtlpEncoding encoding, OtlpEvents.Result result) {
    if (result.rejected() == 0) {
      return respond(200, encoding, OtlpResponses.success(encoding));
    }
    StringBuilder message = new StringBuilder().append(result.rejected()).append(" of ")
        .append(result.rejected() + result.accepted()).append(" log records rejected: ");
    message.append(String.join("; ", result.reasons()));
    int unlisted = result.rejected() - result.reasons().size();
    if (unlisted > 0) {
      message.append("; and ").append(unlisted).append(" more");
    }
    return respond(200, encoding,
        OtlpResponses.partialSuccess(encoding, result.rejected(), message.toString()));
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpHeaders headers) {
    int code = switch (e.status()) {
      case 400, 413, 415 -> OtlpResponses.INVALID_ARGUMENT;
      case 429 -> OtlpResponses.RESOURCE_EXHAUSTED;
      case 503 -> OtlpResponses.UNAVAILABLE;
      default -> OtlpResponses.INTERNAL;
    };
    String field = e.extensions().get("field") instanceof String f ? f : null;
    OtlpEncoding encoding = encodingOf(headers);
    Response.ResponseBuilder response = Response.status(e.status()).type(encoding.mediaType)
        .entity(OtlpResponses.status(encoding, code, e.getMessage(), field));
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(RuntimeException e, HttpHeaders headers) {
    OtlpEncoding encoding = encodingOf(headers);
    return Response.fromResponse(respond(401, encoding, OtlpResponses.status(encoding,
            OtlpResponses.UNAUTHENTICATED, "A valid API key is required: send 'Authorization: "
                + "Bearer <key>' (the exporter's headers setting), 'X-API-Key: <key>' or basic auth "
                + "with the key as password.", null)))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"strata\"").build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpHeaders headers) {
    OtlpEncoding encoding = encodingOf(headers);
    return respond(403, encoding, OtlpResponses.status(encoding, OtlpResponses.PERMISSION_DENIED,
        "The API key lacks the 'ingest' scope.", null));
  }

  /** Errors answer in the request's encoding; protobuf, OTLP's default, when it has neither. */
  private static OtlpEncoding encodingOf(HttpHeaders headers) {
    OtlpEncoding encoding = OtlpEncoding.find(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    return encoding == null ? OtlpEncoding.PROTOBUF : encoding;
  }

  private static Response respond(int status, OtlpEncoding encoding, byte[] body) {
    return Response.status(status).type(encoding.mediaType).entity(body).build();
  }
}
