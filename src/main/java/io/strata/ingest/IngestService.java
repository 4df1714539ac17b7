package io.strata.ingest;

import io.strata.audit.AuditExempt;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The steps every ingest protocol shares: the tenant's rate limit, reading the body within the size
 * limit, and handing record values to Kafka so that success is answered only once Kafka holds them.
 *
 * <p>Failures are {@link ProblemException}s (413, 415, 400, 429, 503); each protocol renders them
 * in its own error format.
 */
@ApplicationScoped
@AuditExempt("ingest: events are data, not actions (counted in metrics); refused credentials are recorded by RefusedRequests")
public class IngestService {

  private static final Logger LOG = Logger.getLogger(IngestService.class);

  /** How long a request waits for Kafka's acknowledgement before it is answered 503. */
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final IngestConfig config;
  private final EventPublisher publisher;
  private final TenantRateLimiter limiter;
  private final MeterRegistry metrics;
  private final ArrivalCutoffs cutoffs;

  IngestService(IngestConfig config, EventPublisher publisher, TenantRateLimiter limiter,
      MeterRegistry metrics, ArrivalCutoffs cutoffs) {
    this.config = config;
    this.publisher = publisher;
    this.limiter = limiter;
    this.metrics = metrics;
    this.cutoffs = cutoffs;
  }

  /**
   * The time before which {@code tenant}'s events arriving now are past every class of its
   * retention, or null when none can be (see {@link ArrivalCutoffs}).
   */
  public ArrivalCutoff arrivalCutoff(String tenant) {
    return cutoffs.forTenant(tenant);
  }

  /**
   * Counts {@code expired} events of a stored request refused as past retention; they are among
   * the rejected ones {@link #publish} counts.
   */
  public void countExpired(String tenant, int expired) {
    if (expired > 0) {
      metrics.counter("strata.ingest.events.expired", "tenant", tenant).increment(expired);
    }
  }

  /** The ingest limits in force. */
  public IngestConfig config() {
    return config;
  }

  /**
   * Lets the request in, or throws the 429 problem (with Retry-After) when the tenant has used up
   * its allowance; nothing of a refused request is read or stored.
   */
  public void admit(String tenant, int eventsPerSecond) {
    long wait = limiter.secondsToWait(tenant, eventsPerSecond);
    if (wait > 0) {
      metrics.counter("strata.ingest.requests.throttled", "tenant", tenant).increment();
      throw new ProblemException(429, "rate-limited", "Too many requests", "This tenant may ingest "
          + eventsPerSecond + " events per second and has used that up; nothing of this request was "
          + "stored. Retry after " + wait + " s.").with("limit", eventsPerSecond).retryAfter(wait);
    }
  }

  /** Reads the body within the request size limit; see {@link BodyReader#read}. */
  public BodyReader.Body read(InputStream body, String contentEncoding, Long contentLength) {
    long limit = config.maxRequestBytes().asLongValue();
    if (contentLength != null && contentLength > limit) {
      throw BodyReader.tooLarge(limit);
    }
    return BodyReader.read(body, contentEncoding, contentLength, limit);
  }

  /** Placement of {@link #publish}: the records spread over the partitions in turn. */
  public static final int IN_TURN = EventPublisher.IN_TURN;

  /**
   * Takes the accepted events from the tenant's allowance and publishes their records over the
   * tenant's {@code partitions} of the topic ({@link ShuffleShard}); completes
   * once Kafka has acknowledged all of them, or fails with the 503 problem.
   *
   * <p>The ingest resources await it on their worker thread (they read the body there anyway)
   * rather than return it: a blocking request resumed from Kafka's callback could race RESTEasy
   * Reactive's hand-over of the request scope and answer 500 (ContextNotActiveException) for
   * events Kafka had stored, which a client's retry would then store twice.
   */
  public Uni<Void> publish(String tenant, int eventsPerSecond, int partitions, List<byte[]> records,
      int accepted, int rejected) {
    return publish(tenant, eventsPerSecond, partitions, records, accepted, rejected, IN_TURN);
  }

  /**
   * As above, the records placed from {@code placement} on among the tenant's partitions, so that
   * a retry of the same request reaches the same partitions (and indexers); {@link #IN_TURN}
   * spreads them in turn.
   */
  public Uni<Void> publish(String tenant, int eventsPerSecond, int partitions, List<byte[]> records,
      int accepted, int rejected, int placement) {
    limiter.take(tenant, eventsPerSecond, accepted);
    return publisher.publish(tenant, partitions, records, placement)
        .ifNoItem().after(ACK_TIMEOUT).fail()
        .onFailure().transform(e -> {
          LOG.warnf(e, "Kafka did not acknowledge %d events of tenant %s", accepted, tenant);
          return new ProblemException(503, "kafka-unavailable", "Service unavailable",
              "Kafka did not acknowledge the events in time, so they are not known to be stored. "
                  + "Retry later; if Kafka stored them after all, a retry without an "
                  + "Idempotency-Key stores them twice.")
              .retryAfter(5);
        })
        .invoke(() -> {
          metrics.counter("strata.ingest.events", "tenant", tenant, "outcome", "accepted")
              .increment(accepted);
          if (rejected > 0) {
            metrics.counter("strata.ingest.events", "tenant", tenant, "outcome", "rejected")
                .increment(rejected);
          }
        });
  }
}
