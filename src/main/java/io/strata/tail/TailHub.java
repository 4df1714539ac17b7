package io.strata.tail;

import io.strata.audit.AuditExempt;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditUnavailableException;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strata.index.IndexListener;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.security.CallerCredential;
import io.strata.tenancy.ActiveKeys;
import io.strata.tenancy.ApiKeyRevoked;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

/**
 * The live tails of this node: takes each tailed tenant's events from the indexer as they are
 * indexed, matches them against the tenant's tails on one thread every {@link
 * TailConfig#interval()}, and hands the matches to the tails.
 *
 * <p>Nothing here can slow indexing: the indexer asks one map lookup per Kafka record (a tenant
 * nobody tails costs nothing more), and a tailed tenant's events are handed over without blocking
 * into a bounded backlog ({@link TailConfig#backlog()}); what does not fit is skipped and counted.
 *
 * <p>In a cluster, the other index nodes match the tail's query over what they index and stream
 * the matches here ({@link TailRelays}).
 */
@ApplicationScoped
public class TailHub implements IndexListener {

  private static final Logger LOG = Logger.getLogger(TailHub.class);

  /** A tail that the HTTP layer has not started streaming by then never will be. */
  private static final long SUBSCRIBE_NANOS = TimeUnit.SECONDS.toNanos(30);

  static final String REVOKED = "credential-revoked";
  static final String EXPIRED = "credential-expired";
  static final String MAX_DURATION = "max-duration";

  /** Seconds a client refused for the per-tenant limit is asked to wait. */
  private static final long RETRY_AFTER_SECONDS = 10;

  private final TailConfig config;
  private final MeterRegistry metrics;
  private final Analyzer analyzer;
  private final ObjectWriter json;
  private final ConcurrentMap<String, TenantTail> tails = new ConcurrentHashMap<>();
  /** Per tenant, its open tails and those being opened: what the limit counts. */
  private final ConcurrentMap<String, Integer> slots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> openGauges = new ConcurrentHashMap<>();
  private ScheduledExecutorService thread;

  private final ActiveKeys activeKeys;
  private final AuditTrail audit;
  private final ConcurrentMap<TailSession, Caller> callers = new ConcurrentHashMap<>();
  private final TailRelays relays;

  TailHub(TailConfig config, TenantIndexes indexes, ObjectMapper mapper, MeterRegistry metrics,
      ActiveKeys activeKeys, AuditTrail audit, TailRelays relays) {
    this.relays = relays;
    this.audit = audit;
    this.config = config;
    this.activeKeys = activeKeys;
    this.metrics = metrics;
    this.analyzer = indexes.messageAnalyzer();
    // One line per event, whatever the application's Jackson settings say.
    this.json = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
  }

  @PostConstruct
  void start() {
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strata-tail");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, config.interval().toMillis());
    thread.scheduleWithFixedDelay(this::pass, every, every, TimeUnit.MILLISECONDS);
    long check = Math.max(100, config.credentialCheck().toMillis());
    thread.scheduleWithFixedDelay(this::checkKeys, check, check, TimeUnit.MILLISECONDS);
  }

  @Override
  @AuditExempt("hands indexed events to open tails; their start and end are recorded")
  public Receiver receiverFor(String tenant) {
    return tails.get(tenant);
  }

  /**
   * Opens a tail of {@code tenant}'s events that the query from {@code query} matches, for as long
   * as {@code credential} stays valid; a 429 problem when the tenant already has {@link
   * TailConfig#maxPerTenant()} tails open (or being opened) on this node. The slot is taken before
   * {@code query} is called, so that a tenant over its limit gets no query parsed at all; whatever
   * {@code query} throws frees the slot and is rethrown.
   *
   * <p>Caution: {@code tenant} must come from the caller's credential.
   */
  @Audited("tail.start")
  public TailSession open(Caller caller, String q, Supplier<Query> query,
      CallerCredential credential) {
    String tenant = caller.requireTenant();
    AuditEntry start = AuditEntry.success(caller, "tail.start", null, AuditEntry.params("q", q));
    takeSlot(tenant);
    TailSession session;
    try {
      session = new TailSession(tenant, query.get(), credential,
          Math.max(1, config.clientBuffer()), this::close);
      // Before the first event can reach the client; a tail that cannot be recorded never opens.
      audit.recordNow(start);
    } catch (RuntimeException | Error e) {
      freeSlot(tenant);
      if (e instanceof RuntimeException failure && !(e instanceof AuditUnavailableException)) {
        audit.recordFailure(start, failure);
      }
      throw e;
    }
    callers.put(session, caller);
    tails.compute(tenant, (t, existing) -> {
      TenantTail tail =
          existing != null ? existing : new TenantTail(t, Math.max(1, config.backlog()));
      tail.sessions.add(session);
      return tail;
    });
    openGauge(tenant).incrementAndGet();
    // The tenant's events that other nodes index reach this tail through them.
    relays.follow(session, q);
    return session;
  }

  /**
   * Opens this node's part of a tail that another node serves (see {@link TailRelays}): the
   * matches of what is indexed here. It takes no slot and records nothing: the node that serves the
   * client counts its tails and records their start and end; the tail ends when that node closes
   * the stream.
   *
   * <p>Caution: {@code tenant} must come from a node-to-node request.
   */
  @AuditExempt("another node's part of a tail that node records")
  public TailSession openRelay(String tenant, Query query) {
    // The other node checks the credential of its client; this part lives as long as its stream.
    TailSession session = new TailSession(tenant, query, CallerCredential.CONSOLE,
        Math.max(1, config.clientBuffer()), this::unregister);
    tails.compute(tenant, (t, existing) -> {
      TenantTail tail =
          existing != null ? existing : new TenantTail(t, Math.max(1, config.backlog()));
      tail.sessions.add(session);
      return tail;
    });
    return session;
  }

  private void unregister(TailSession session) {
    tails.computeIfPresent(session.tenant(), (t, tail) -> {
      tail.sessions.remove(session);
      return tail.sessions.isEmpty() ? null : tail;
    });
  }

  private void takeSlot(String tenant) {
    boolean[] admitted = new boolean[1];
    slots.compute(tenant, (t, used) -> {
      int taken = used == null ? 0 : used;
      if (taken >= config.maxPerTenant()) {
        return used;
      }
      admitted[0] = true;
      return taken + 1;
    });
    if (!admitted[0]) {
      throw new ProblemException(429, "too-many-tails", "Too many requests",
          "This tenant already has " + config.maxPerTenant() + " live tails open, the most allowed"
              + " at once; close one and retry.")
          .with("limit", config.maxPerTenant()).retryAfter(RETRY_AFTER_SECONDS);
    }
  }

  private void freeSlot(String tenant) {
    slots.computeIfPresent(tenant, (t, used) -> used <= 1 ? null : used - 1);
  }

  /** Frees the slot of a tail that ended. */
  private void close(TailSession session) {
    relays.unfollow(session);
    boolean[] removed = new boolean[1];
    tails.computeIfPresent(session.tenant(), (t, tail) -> {
      removed[0] = tail.sessions.remove(session);
      return tail.sessions.isEmpty() ? null : tail;
    });
    if (removed[0]) {
      openGauge(session.tenant()).decrementAndGet();
      freeSlot(session.tenant());
    }
    Caller caller = callers.remove(session);
    if (caller != null) {
      long seconds = (System.nanoTime() - session.openedNanos()) / 1_000_000_000L;
      audit.record(AuditEntry.success(caller, "tail.end", null, AuditEntry.params(
              "reason", session.endReason() == null ? "closed" : session.endReason(),
              "seconds", seconds)))
          .subscribe().with(recorded -> { }, failure ->
              LOG.warnf("The end of a live tail of %s could not be recorded", session.tenant()));
    }
  }

  private AtomicInteger openGauge(String tenant) {
    return openGauges.computeIfAbsent(tenant, t ->
        metrics.gauge("strata.tail.sessions", Tags.of("tenant", t), new AtomicInteger()));
  }

  /** Ends, at once, the tails opened with a key just revoked on this node. */
  void onRevoked(@Observes ApiKeyRevoked revoked) {
    for (TenantTail tail : tails.values()) {
      for (TailSession session : List.copyOf(tail.sessions)) {
        if (revoked.keyId().equals(session.credential().apiKeyId())) {
          end(session, REVOKED);
        }
      }
    }
  }

  /**
   * Asks the database which keys of open tails are still valid and ends the others' tails: keys
   * revoked on another node, or whose tails were opened before the revocation reached this one.
   */
  private void checkKeys() {
    try {
      Set<String> keys = new HashSet<>();
      tails.values().forEach(tail -> tail.sessions.forEach(session -> {
        if (session.credential().apiKeyId() != null) {
          keys.add(session.credential().apiKeyId());
        }
      }));
      if (keys.isEmpty()) {
        return;
      }
      // Asked without waiting: the tail thread goes on pushing events meanwhile.
      activeKeys.states(keys).subscribe().with(
          states -> thread.execute(() -> endInactive(states)),
          failure -> LOG.warnf("Could not check the API keys of live tails: %s", failure.getMessage()));
    } catch (RuntimeException e) {
      LOG.warnf("Could not check the API keys of live tails: %s", e.getMessage());
    }
  }

  /** Ends the tails of the keys that are no longer active. */
  private void endInactive(Map<String, ActiveKeys.State> states) {
    for (TenantTail tail : tails.values()) {
      for (TailSession session : List.copyOf(tail.sessions)) {
        ActiveKeys.State state = states.get(session.credential().apiKeyId());
        if (state == ActiveKeys.State.REVOKED) {
          end(session, REVOKED);
        } else if (state == ActiveKeys.State.EXPIRED) {
          end(session, EXPIRED);
        }
      }
    }
  }

  private void end(TailSession session, String reason) {
    LOG.debugf("Ending a live tail of %s: %s", session.tenant(), reason);
    metrics.counter("strata.tail.ended", "reason", reason).increment();
    session.close(reason);
  }

  /** One pass over every tailed tenant; never throws, or the executor would stop calling it. */
  private void pass() {
    long now = System.nanoTime();
    Instant wallNow = Instant.now();
    long heartbeat = config.heartbeat().toNanos();
    long maxAge = config.maxDuration().toNanos();
    for (TenantTail tail : tails.values()) {
      for (TailSession session : List.copyOf(tail.sessions)) {
        if (session.credential().expiredAt(wallNow)) {
          end(session, EXPIRED);
        } else if (session.credential() != CallerCredential.CONSOLE
            && now - session.openedNanos() > maxAge) {
          end(session, MAX_DURATION);
        }
      }
      List<TailSession> sessions = List.copyOf(tail.sessions);
      try {
        match(tail, sessions);
      } catch (IOException | RuntimeException e) {
        LOG.errorf(e, "Live tail pass over the events of %s failed", tail.tenant);
      }
      for (TailSession session : sessions) {
        try {
          session.tick(now, heartbeat, SUBSCRIBE_NANOS);
        } catch (RuntimeException e) {
          LOG.warnf(e, "Live tail of %s failed to send", tail.tenant);
          session.close();
        }
      }
    }
  }

  /** Matches the tenant's events of this pass against its tails, and counts what they missed. */
  private void match(TenantTail tail, List<TailSession> sessions) throws IOException {
    List<TenantTail.IndexedEvent> events = tail.drain();
    long skipped = tail.takeSkipped();
    if (skipped > 0) {
      metrics.counter("strata.tail.dropped", "tenant", tail.tenant, "reason", "backlog")
          .increment(skipped);
    }
    if (events.isEmpty() || sessions.isEmpty()) {
      sessions.forEach(session -> session.missed(skipped));
      return;
    }
    // The indexing threads hand events over interleaved; a tenant's events share one partition
    // (the tenant is the record key), so their sequence numbers give back the order of ingest.
    events.sort(Comparator.comparingLong(TenantTail.IndexedEvent::seq));
    long dropped = 0;
    try (TailBatch batch = new TailBatch(events, analyzer, json)) {
      for (TailSession session : sessions) {
        dropped += deliver(batch, session);
        // Skipped events came after those of the batch: the backlog was full.
        session.missed(skipped);
      }
    } catch (IOException | RuntimeException e) {
      sessions.forEach(session -> session.missed(events.size() + skipped));
      throw e;
    }
    if (dropped > 0) {
      metrics.counter("strata.tail.dropped", "tenant", tail.tenant, "reason", "slow-client")
          .increment(dropped);
    }
  }

  /** Hands a tail its matches in the batch; returns how many it had no room for. */
  private static long deliver(TailBatch batch, TailSession session) throws IOException {
    int[] hits = batch.matching(session.query());
    if (hits == null) {
      // The query cannot run over this batch (too many terms): say so rather than hide it.
      session.missed(batch.size());
      return 0;
    }
    for (int i = 0; i < hits.length; i++) {
      if (session.isFull()) {
        // The client is behind: the rest of the pass is one gap, not a gap between every two
        // events as it reads along.
        session.missed(hits.length - i);
        return hits.length - i;
      }
      session.deliver(batch.render(hits[i]));
    }
    return 0;
  }

  /** Ends every tail: their clients see the stream end. */
  @PreDestroy
  void stop() {
    thread.shutdownNow();
    for (TenantTail tail : tails.values()) {
      tail.sessions.forEach(TailSession::close);
    }
  }
}
