package io.strata.ingest.elastic;

import io.strata.audit.AuditExempt;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The subset of the Elasticsearch REST API that log shippers need to write to Strata: the bulk API
 * ({@code POST|PUT /_bulk} and {@code /{index}/_bulk}), the cluster information they probe at
 * start-up ({@code GET|HEAD /}), cluster health and the license check.
 *
 * <p>A bulk request goes through the same limits, rate limit and Kafka acknowledgement as the
 * native API, and is answered as Elasticsearch answers it: 200 with one item per action in request
 * order ({@code errors} true when any item failed, each failed item with its {@code status} and
 * {@code error}) only once Kafka holds the accepted documents; 429 (rate limit) and 503 (Kafka) for
 * the whole request, which every Elasticsearch client retries. Errors have Elasticsearch's shape.
 */
@Path("/")
@AuditExempt("ingest: events are data, not actions (counted in metrics); refused credentials are recorded by RefusedRequests")
public class ElasticResource {

  private static final JsonFactory JSON = new JsonFactory();
  private static final String CLUSTER_UUID = "c3RyYXRhLWxvZ3MtZXM";
  private static final String TAGLINE = "You Know, for Search";

  private final IngestService ingest;
  private final ElasticConfig config;
  private final SecurityIdentity identity;

  ElasticResource(IngestService ingest, ElasticConfig config, SecurityIdentity identity) {
    this.ingest = ingest;
    this.config = config;
    this.identity = identity;
  }

  /** {@code GET /}, rerouted by {@link ElasticRoutes}: what a cluster says about itself. */
  @GET
  @Path(ElasticRoutes.ROOT)
  @Authenticated
  public Response info(@Context HttpHeaders headers) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeStringField("name", config.clusterName() + "-node");
      g.writeStringField("cluster_name", config.clusterName());
      g.writeStringField("cluster_uuid", CLUSTER_UUID);
      g.writeObjectFieldStart("version");
      g.writeStringField("number", config.version());
      g.writeStringField("build_flavor", "default");
      g.writeStringField("build_type", "strata");
      g.writeStringField("build_hash", "strata");
      g.writeStringField("build_date", "2026-01-01T00:00:00.000Z");
      g.writeBooleanField("build_snapshot", false);
      g.writeStringField("lucene_version", org.apache.lucene.util.Version.LATEST.toString());
      g.writeStringField("minimum_wire_compatibility_version", "7.17.0");
      g.writeStringField("minimum_index_compatibility_version", "7.0.0");
      g.writeEndObject();
      g.writeStringField("tagline", TAGLINE);
      g.writeEndObject();
    });
    return Response.ok(body).type(ElasticMedia.responseType(headers)).build();
  }

  /** {@code HEAD /}: the liveness probe of Logstash and the clients' {@code ping}. */
  @HEAD
  @Path(ElasticRoutes.ROOT)
  @Authenticated
  public Response ping(@Context HttpHeaders headers) {
    return Response.ok().type(ElasticMedia.responseType(headers)).build();
  }

  /** {@code GET /_cluster/health}: always green (Vector's health check). */
  @GET
  @Path("_cluster/health")
  @Authenticated
  public Response health(@Context HttpHeaders headers) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeStringField("cluster_name", config.clusterName());
      g.writeStringField("status", "green");
      g.writeBooleanField("timed_out", false);
      g.writeNumberField("number_of_nodes", 1);
      g.writeNumberField("number_of_data_nodes", 1);
      g.writeNumberField("active_primary_shards", 0);
      g.writeNumberField("active_shards", 0);
      g.writeNumberField("relocating_shards", 0);
      g.writeNumberField("initializing_shards", 0);
      g.writeNumberField("unassigned_shards", 0);
      g.writeNumberField("number_of_pending_tasks", 0);
      g.writeNumberField("active_shards_percent_as_number", 100.0);
      g.writeEndObject();
    });
    return Response.ok(body).type(ElasticMedia.responseType(headers)).build();
  }

  /** {@code GET /_license}: an active basic license (Beats refuse a cluster without one). */
  @GET
  @Path("_license")
  @Authenticated
  public Response license(@Context HttpHeaders headers) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("license");
      g.writeStringField("status", "active");
      g.writeStringField("uid", "00000000-0000-0000-0000-000000000000");
      g.writeStringField("type", "basic");
      g.writeStringField("issue_date", "2026-01-01T00:00:00.000Z");
      g.writeNumberField("issue_date_in_millis", 1767225600000L);
      g.writeNumberField("max_nodes", 1000);
      g.writeStringField("issued_to", config.clusterName());
      g.writeStringField("issuer", "strata");
      g.writeNumberField("start_date_in_millis", -1);
      g.writeEndObject();
      g.writeEndObject();
    });
    return Response.ok(body).type(ElasticMedia.responseType(headers)).build();
  }

  @POST
  @Path("_bulk")
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response bulk(InputStream body, @Context HttpHeaders headers) {
    return bulk(null, body, headers);
  }

  @PUT
  @Path("_bulk")
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response bulkPut(InputStream body, @Context HttpHeaders headers) {
    return bulk(null, body, headers);
  }

  @POST
  @Path("{index}/_bulk")
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response indexBulk(@PathParam("index") String index, InputStream body,
      @Context HttpHeaders headers) {
    return bulk(index, body, headers);
  }

  @PUT
  @Path("{index}/_bulk")
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  public Response indexBulkPut(@PathParam("index") String index, InputStream body,
      @Context HttpHeaders headers) {
    return bulk(index, body, headers);
  }

  private Response bulk(String pathIndex, InputStream body, HttpHeaders headers) {
    long started = System.nanoTime();
    String tenant = CallerTenant.of(identity);
    int eventsPerSecond = CallerTenant.eventsPerSecond(identity);
    ingest.admit(tenant, eventsPerSecond);
    String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    BodyReader.Body read = ingest.read(body, headers.getHeaderString(HttpHeaders.CONTENT_ENCODING),
        length == null || length.isBlank() ? null : Long.valueOf(length.trim()));
    BulkParser.Result result = new BulkParser(ingest.config(), System.currentTimeMillis(), pathIndex)
        .parse(read.bytes(), read.length());
    String type = ElasticMedia.responseType(headers);
    return ingest.publish(tenant, eventsPerSecond, CallerTenant.partitions(identity), result.records(), result.accepted(),
            result.rejected())
        .map(ignored -> Response.ok(bulkResponse(result, (System.nanoTime() - started) / 1_000_000))
            .type(type).build())
        .await().indefinitely(); // answered on this worker thread (see IngestService#publish)
  }

  /** Elasticsearch's bulk response: one item per action, in request order. */
  static byte[] bulkResponse(BulkParser.Result result, long tookMillis) {
    return json(g -> {
      g.writeStartObject();
      g.writeNumberField("took", tookMillis);
      g.writeBooleanField("errors", result.rejected() > 0);
      g.writeArrayFieldStart("items");
      int seqNo = 0;
      for (BulkParser.Item item : result.items()) {
        g.writeStartObject();
        g.writeObjectFieldStart(item.action());
        g.writeStringField("_index", item.index());
        g.writeStringField("_id", item.id() != null ? item.id() : newId());
        if (item.status() < 300) {
          g.writeNumberField("_version", 1);
          g.writeStringField("result", "created");
          g.writeObjectFieldStart("_shards");
          g.writeNumberField("total", 1);
          g.writeNumberField("successful", 1);
          g.writeNumberField("failed", 0);
          g.writeEndObject();
          g.writeNumberField("_seq_no", seqNo++);
          g.writeNumberField("_primary_term", 1);
          g.writeNumberField("status", item.status());
        } else {
          g.writeNumberField("status", item.status());
          g.writeObjectFieldStart("error");
          g.writeStringField("type", item.errorType());
          g.writeStringField("reason", item.reason());
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** An id in the style of Elasticsearch's generated ones (20 URL-safe base64 characters). */
  private static String newId() {
    byte[] bytes = new byte[15];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpHeaders headers) {
    String type = switch (e.status()) {
      case 400 -> e.type().endsWith("_exception") ? e.type() : "parse_exception";
      case 401, 403 -> "security_exception";
      case 413 -> "content_too_long_exception";
      case 429 -> "es_rejected_execution_exception";
      case 503 -> "unavailable_shards_exception";
      default -> "illegal_argument_exception";
    };
    Response.ResponseBuilder response = error(e.status(), type, e.getMessage(), headers);
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(RuntimeException e, HttpHeaders headers, UriInfo uri) {
    return error(401, "security_exception", "missing or invalid authentication credentials for "
        + "REST request [/" + uri.getPath().replaceFirst("^/", "") + "]: use an API key of the tenant"
        + " ('Authorization: ApiKey', basic auth with the key as password, or a bearer token)",
        headers)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"security\", charset=\"UTF-8\"")
        .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpHeaders headers) {
    return error(403, "security_exception", "action [indices:data/write/bulk] is unauthorized: "
        + "the API key lacks the 'ingest' scope", headers).build();
  }

  private static Response.ResponseBuilder error(int status, String type, String reason,
      HttpHeaders headers) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeArrayFieldStart("root_cause");
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("reason", reason);
      g.writeEndObject();
      g.writeEndArray();
      g.writeStringField("type", type);
      g.writeStringField("reason", reason);
      g.writeEndObject();
      g.writeNumberField("status", status);
      g.writeEndObject();
    });
    return Response.status(status).entity(body).type(ElasticMedia.responseType(headers));
  }

  private interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  private static byte[] json(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
