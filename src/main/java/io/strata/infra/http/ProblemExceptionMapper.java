package io.strata.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Writes every error of the HTTP API as {@code application/problem+json}; nothing internal (class
 * names, stack traces, other tenants' identifiers) reaches the client.
 */
public class ProblemExceptionMapper {

  /** The media type of every error response. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response.ResponseBuilder response = build(e.status(), e.type(), e.title(), e.getMessage(), uri,
        e.extensions());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(RuntimeException e, UriInfo uri) {
    return build(401, "unauthorized", "Unauthorized",
        "A valid API key or access token is required: send it as 'Authorization: Bearer <key or token>' or 'X-API-Key: <key>'.",
        uri, Map.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"strata\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return build(403, "forbidden", "Forbidden",
        "The credential is valid but lacks the scope this operation needs.", uri, Map.of()).build();
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e, UriInfo uri) {
    var location = e.getLocation();
    Map<String, Object> where = location == null ? Map.of()
        : Map.of("line", location.getLineNr(), "column", location.getColumnNr());
    return build(400, "malformed-json", "Bad request", "The request body is not valid JSON: "
        + e.getOriginalMessage(), uri, where).build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    String title = Response.Status.fromStatusCode(status) == null ? "Error"
        : Response.Status.fromStatusCode(status).getReasonPhrase();
    String detail = status == 404 ? "No such resource: " + uri.getPath()
        : status == 405 ? "Method not allowed on " + uri.getPath()
        : status == 415 ? "Unsupported Content-Type for " + uri.getPath()
        : e.getMessage();
    return build(status, "http-" + status, title, detail, uri, Map.of()).build();
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e, UriInfo uri) {
    LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
    return build(500, "internal-error", "Internal server error",
        "The server failed to process the request; it has been logged.", uri, Map.of()).build();
  }

  static Response.ResponseBuilder build(int status, String type, String title, String detail,
      UriInfo uri, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://strata.dev/problems/" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", uri.getPath());
    body.putAll(extensions);
    return Response.status(status).type(PROBLEM_JSON).entity(body);
  }
}
