package io.strata.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
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
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The native ingest API: {@code POST /api/v1/ingest} with NDJSON ({@code application/x-ndjson}, one
 * event per line; lines that are not JSON are plain-text events) or JSON (an object or an array of
 * objects). Answers only once Kafka holds the events; a tenant over its ingest limit gets 429 with
 * Retry-After.
 */
@Path("/api/v1/ingest")
public class IngestResource {

  private static final Logger LOG = Logger.getLogger(IngestResource.class);

  private final IngestConfig config;
  private final EventPublisher publisher;
  private final TenantRateLimiter limiter;
  private final SecurityIdentity identity;
  private final MeterRegistry metrics;

  IngestResource(IngestConfig config, EventPublisher publisher, TenantRateLimiter limiter,
      SecurityIdentity identity, MeterRegistry metrics) {
    this.config = config;
    this.publisher = publisher;
    this.limiter = limiter;
    this.identity = identity;
    this.metrics = metrics;
  }

  /**
   * Accepts a batch of events for the caller's tenant: 200 with the count kept and a reason for each
   * event rejected; 413 for a body over the limit; 429 with Retry-After for a tenant over its
   * limit; 503 with Retry-After when Kafka cannot take it.
   */
  @POST
  @Blocking
  @RolesAllowed(Scopes.INGEST)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<IngestResult> ingest(InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
    String tenant = CallerTenant.of(identity);
    int eventsPerSecond = CallerTenant.eventsPerSecond(identity);
    long wait = limiter.secondsToWait(tenant, eventsPerSecond);
    if (wait > 0) {
      metrics.counter("strata.ingest.requests.throttled", "tenant", tenant).increment();
      throw new ProblemException(429, "rate-limited", "Too many requests", "This tenant may ingest "
          + eventsPerSecond + " events per second and has used that up; nothing of this request was "
          + "stored. Retry after " + wait + " s.").with("limit", eventsPerSecond).retryAfter(wait);
    }
    long limit = config.maxRequestBytes().asLongValue();
    if (contentLength != null && contentLength > limit) {
      throw BodyReader.tooLarge(limit);
    }
    BodyReader.Body read = BodyReader.read(body, contentEncoding, limit);
    RequestParser parser = new RequestParser(config, System.currentTimeMillis());
    ParsedRequest parsed = isJson(contentType, read)
        ? parser.parseJson(read.bytes(), read.length())
        : parser.parseLines(read.bytes(), read.length());
    limiter.take(tenant, eventsPerSecond, parsed.accepted());
    return publisher.publish(tenant, parsed.records())
        .ifNoItem().after(Duration.ofSeconds(30)).fail()
        .onFailure().transform(e -> {
          LOG.warnf(e, "Kafka did not acknowledge %d events of tenant %s", parsed.accepted(), tenant);
          return new ProblemException(503, "kafka-unavailable", "Service unavailable",
              "The events could not be made durable (Kafka did not acknowledge them); none of this "
                  + "request should be considered stored. Retry later.").retryAfter(5);
        })
        .map(ignored -> {
          metrics.counter("strata.ingest.events", "tenant", tenant, "outcome", "accepted")
              .increment(parsed.accepted());
          if (parsed.rejected() > 0) {
            metrics.counter("strata.ingest.events", "tenant", tenant, "outcome", "rejected")
                .increment(parsed.rejected());
          }
          return new IngestResult(parsed.accepted(), parsed.rejected(), parsed.errors());
        });
  }

  /**
   * {@code application/json} is read as JSON documents; NDJSON, text and unlabelled bodies as lines,
   * unless an unlabelled body starts with an array.
   */
  private static boolean isJson(String contentType, BodyReader.Body body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json") || type.contains("+json")) {
      return true;
    }
    if (!type.isEmpty() && !type.startsWith("application/octet-stream")) {
      return false;
    }
    for (int i = 0; i < body.length(); i++) {
      byte b = body.bytes()[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b == '[';
      }
    }
    return false;
  }
}
