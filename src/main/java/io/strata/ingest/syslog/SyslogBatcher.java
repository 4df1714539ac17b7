package io.strata.ingest.syslog;

import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.ingest.EventRecords;
import io.strata.ingest.IngestConfig;
import io.strata.pipeline.EventNormalizer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Collects the events of one TCP connection (or one UDP socket) into batches and publishes each
 * as one Kafka write, since syslog has no acknowledgement to wait for: a batch is sealed at {@link
 * SyslogConfig#batchEvents()} events, {@link SyslogConfig#batchBytes()} bytes or {@link
 * SyslogConfig#batchDelay()} after its first event.
 *
 * <p>One batch is in flight at a time and one more may wait sealed; while both slots are taken the
 * source is paused ({@link Flow#pause()}: a TCP socket stops being read, so the sender is slowed by
 * TCP itself), and a batch Kafka did not take (or that the tenant's rate limit refused) is retried
 * after the wait the failure asks for, never dropped. A UDP socket cannot be paused: it asks {@link
 * #accepting()} and drops what does not fit.
 *
 * <p>Caution: every method must be called on the Vert.x context given at construction.
 */
final class SyslogBatcher {

  private static final Logger LOG = Logger.getLogger(SyslogBatcher.class);
  private static final long DEFAULT_RETRY_MILLIS = 1000;

  /** The source of events: paused while no batch can be taken. */
  interface Flow {
    void pause();

    void resume();
  }

  /** Publishes a batch; fails (with a {@link ProblemException} carrying Retry-After) to retry. */
  interface Sink {
    Uni<Void> publish(Batch batch);
  }

  /** A sealed batch: the records of {@code events} events of one tenant. */
  record Batch(Binding binding, List<byte[]> records, int events) {}

  /** A batch the source decided to drop instead of retrying (its key is no longer valid). */
  static final class DropBatchException extends RuntimeException {
    DropBatchException(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final IngestConfig ingestConfig;
  private final int maxEvents;
  private final long maxBytes;
  private final long delayMillis;
  private final Sink sink;
  private final Flow flow;
  private final SyslogMetrics metrics;

  private Open current;
  private Batch inFlight;
  private Batch pending;
  private long timer = -1;
  private boolean paused;
  private int failures;
  private Runnable onDrained;

  SyslogBatcher(Vertx vertx, Context context, IngestConfig ingestConfig, SyslogConfig config,
      Sink sink, Flow flow, SyslogMetrics metrics) {
    this.vertx = vertx;
    this.context = context;
    this.ingestConfig = ingestConfig;
    this.maxEvents = Math.min(config.batchEvents(), ingestConfig.recordEvents());
    this.maxBytes = config.batchBytes().asLongValue();
    this.delayMillis = Math.max(1, config.batchDelay().toMillis());
    this.sink = sink;
    this.flow = flow;
    this.metrics = metrics;
  }

  /** Whether another event fits; false only while both slots are taken and the open batch is full. */
  boolean accepting() {
    return pending == null || current == null || !current.isFull();
  }

  /** Adds one event (a JSON object) for {@code binding}'s tenant; its bytes are copied. */
  void add(Binding binding, byte[] event, int off, int len) {
    if (current != null && !current.binding.equals(binding)) {
      seal();
    }
    if (current == null) {
      current = new Open(binding, new EventRecords(ingestConfig, System.currentTimeMillis()));
    }
    current.records.add(EventNormalizer.KIND_JSON, event, off, len);
    current.bytes += len;
    if (current.isFull()) {
      seal();
    } else if (timer < 0) {
      timer = vertx.setTimer(delayMillis, id -> {
        timer = -1;
        if (current != null) {
          current.due = true;
        }
        seal();
      });
    }
  }

  /** Seals the open batch now, e.g. when the connection ends; {@code onDrained} runs once all is published. */
  void close(Runnable onDrained) {
    this.onDrained = onDrained;
    if (current != null) {
      current.due = true;
    }
    seal();
    drainedCheck();
  }

  /** Events not yet acknowledged by Kafka: open, waiting and in flight. */
  int unpublished() {
    return (current == null ? 0 : current.records.count())
        + (pending == null ? 0 : pending.events()) + (inFlight == null ? 0 : inFlight.events());
  }

  private void seal() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (current == null || current.records.count() == 0 || pending != null) {
      // Both slots taken: the open batch stays open (the source is paused) until one frees.
      return;
    }
    Open open = current;
    current = null;
    int events = open.records.count();
    Batch batch = new Batch(open.binding, open.records.finish(), events);
    if (inFlight == null) {
      inFlight = batch;
      send();
    } else {
      pending = batch;
      pause();
    }
  }

  private void send() {
    Batch batch = inFlight;
    Uni<Void> publish;
    try {
      publish = sink.publish(batch);
    } catch (RuntimeException e) {
      publish = Uni.createFrom().failure(e);
    }
    publish.subscribe().with(
        ok -> context.runOnContext(v -> sent(batch)),
        error -> context.runOnContext(v -> failed(batch, error)));
  }

  private void sent(Batch batch) {
    if (failures > 0) {
      LOG.infof("syslog: Kafka took the held batch of tenant %s after %d failed attempt(s)",
          batch.binding().tenant(), failures);
    }
    failures = 0;
    metrics.published(batch.events());
    next();
  }

  private void failed(Batch batch, Throwable error) {
    if (error instanceof DropBatchException) {
      metrics.rejected(batch.events());
      LOG.warnf("syslog: dropped %d events of tenant %s: %s", batch.events(),
          batch.binding().tenant(), error.getMessage());
      next();
      return;
    }
    failures++;
    long wait = DEFAULT_RETRY_MILLIS;
    if (error instanceof ProblemException problem && problem.retryAfterSeconds() != null) {
      wait = Math.max(1, problem.retryAfterSeconds()) * 1000;
    }
    if (failures == 1 || failures % 10 == 0) {
      LOG.warnf("syslog: %d events of tenant %s not published (%s); holding them and the sender,"
          + " retry in %d ms (attempt %d)", batch.events(), batch.binding().tenant(),
          error.getMessage(), wait, failures);
    }
    // Backpressure: stop reading while the batch waits, instead of piling up more.
    pause();
    vertx.setTimer(wait, id -> send());
  }

  private void next() {
    inFlight = null;
    if (pending != null) {
      inFlight = pending;
      pending = null;
      send();
    }
    if (current != null && (current.due || current.isFull())) {
      seal();
    }
    if (pending == null) {
      resume();
    }
    drainedCheck();
  }

  private void drainedCheck() {
    if (onDrained != null && current == null && pending == null && inFlight == null) {
      Runnable run = onDrained;
      onDrained = null;
      run.run();
    }
  }

  private void pause() {
    if (!paused) {
      paused = true;
      flow.pause();
    }
  }

  private void resume() {
    if (paused) {
      paused = false;
      flow.resume();
    }
  }

  /** The batch being filled. */
  private final class Open {
    final Binding binding;
    final EventRecords records;
    long bytes;
    boolean due;

    Open(Binding binding, EventRecords records) {
      this.binding = binding;
      this.records = records;
    }

    boolean isFull() {
      return records.count() >= maxEvents || bytes >= maxBytes;
    }
  }
}
