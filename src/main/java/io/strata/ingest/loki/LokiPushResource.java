package io.strata.ingest.loki;

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
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Loki's push API, {@code POST /loki/api/v1/push}, for Promtail, Grafana Alloy, loki4j and the other
 * Loki clients: JSON ({@code application/json}) or Snappy-compressed protobuf (any other type, with
 * or without {@code Content-Encoding: snappy}), optionally gzip- or deflate-encoded.
 *
 * <p>Answers as Loki does: 204 once Kafka holds every entry; 400 with the reasons in plain text when
 * entries were refused (the others are kept: the answer comes after they are durable); 429 with
 * Retry-After for a tenant over its limit and 503 when Kafka cannot take the events, which Loki
 * clients retry. The tenant comes from the credential; {@code X-Scope-OrgID} is ignored.
 */
@Path("/loki/api/v1/push")
@AuditExempt("ingest: events are data, not actions (counted in metrics); refused credentials are recorded by RefusedRequests")
public class LokiPushResource {

  private final IngestService ingest;
  private final SecurityIdentity identity;

  LokiPushResource(IngestService ingest, SecurityIdentity identity) {
    this.ingest = ingest;
    this.identity = identity;
  }

  @POST
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response push(InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
    String tenant = CallerTenant.of(identity);
    int eventsPerSecond = CallerTenant.eventsPerSecond(identity);
    ingest.admit(tenant, eventsPerSecond);
    // Some clients label the Snappy block with a Content-Encoding, most do not (Loki accepts both).
    boolean snappyLabelled = contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("snappy");
    BodyReader.Body read = ingest.read(body, snappyLabelled ? null : contentEncoding, contentLength);
    LokiEvents events = new LokiEvents(ingest.config(), System.currentTimeMillis());
    if (isJson(contentType)) {
      byte[] json = snappyLabelled ? unsnappy(read) : read.bytes();
      LokiJsonDecoder.decode(json, snappyLabelled ? json.length : read.length(), events);
    } else if (read.length() > 0) {
      LokiProtobufDecoder.decode(unsnappy(read), events);
    }
    LokiEvents.Result result = events.finish();
    if (result.accepted() == 0) {
      return answer(result);
    }
    // Answered on this worker thread (see IngestService#publish).
    ingest.publish(tenant, eventsPerSecond, CallerTenant.partitions(identity), result.records(),
        result.accepted(), result.rejected()).await().indefinitely();
    return answer(result);
  }

  private byte[] unsnappy(BodyReader.Body read) {
    long limit = ingest.config().maxRequestBytes().asLongValue();
    try {
      return SnappyBlock.decode(read.bytes(), 0, read.length(), limit);
    } catch (SnappyBlock.TooLargeException e) {
      throw BodyReader.tooLarge(limit);
    } catch (SnappyBlock.SnappyException e) {
      // Any malformed block, however crafted, is the client's error: 400 in plain text, never a 500.
      throw ProblemException.badRequest("bad-encoding", "The body is not a Snappy-compressed "
          + "protobuf push request (" + e.getMessage() + "); send application/json for JSON.");
    }
  }

  private static Response answer(LokiEvents.Result result) {
    if (result.rejected() == 0) {
      return Response.noContent().build();
    }
    StringBuilder text = new StringBuilder();
    for (String reason : result.reasons()) {
      text.append(reason).append('\n');
    }
    text.append("total ignored: ").append(result.rejected()).append(" out of ")
        .append(result.rejected() + result.accepted()).append('\n');
    return text(400, text.toString());
  }

  /** Loki reads {@code application/json} as JSON and everything else as protobuf. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return type.equals("application/json") || type.endsWith("+json");
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.TEXT_PLAIN)
        .entity(e.getMessage() + "\n");
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(RuntimeException e) {
    return Response.fromResponse(text(401, "A valid API key is required: use basic auth with the"
            + " key as password, 'Authorization: Bearer <key>' or 'X-API-Key'.\n"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strata\"").build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return text(403, "The API key lacks the 'ingest' scope.\n");
  }

  private static Response text(int status, String body) {
    return Response.status(status).type(MediaType.TEXT_PLAIN).entity(body).build();
  }
}
