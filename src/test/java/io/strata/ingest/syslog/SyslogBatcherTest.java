package io.strata.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.ingest.IngestLimits;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching and backpressure of a syslog source, on a real Vert.x event loop, with a sink that
 * stands for the ingest path (the Kafka path itself is covered by SyslogIT).
 */
class SyslogBatcherTest {

  private static final Binding ACME = new Binding("acme", 0, 1);

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final SyslogMetrics metrics = new SyslogMetrics(new SimpleMeterRegistry(), "t", "tcp");
  private final List<SyslogBatcher.Batch> published = new CopyOnWriteArrayList<>();
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicInteger pauses = new AtomicInteger();
  private final SyslogBatcher.Flow flow = new SyslogBatcher.Flow() {
    @Override
    public void pause() {
      paused.set(true);
      pauses.incrementAndGet();
    }

    @Override
    public void resume() {
      paused.set(false);
    }
  };

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private SyslogBatcher batcher(SyslogBatcher.Sink sink) {
    return on(v -> new SyslogBatcher(vertx, context, new IngestLimits(), config(10, 100),
        sink, flow, metrics));
  }

  private <T> T on(Function<Void, T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.apply(null));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result.join();
  }

  private void add(SyslogBatcher batcher, int n) {
    on(v -> {
      for (int i = 0; i < n; i++) {
        byte[] event = ("{\"message\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8);
        batcher.add(ACME, event, 0, event.length);
      }
      return null;
    });
  }

  private int unpublished(SyslogBatcher batcher) {
    return on(v -> batcher.unpublished());
  }

  private boolean accepting(SyslogBatcher batcher) {
    return on(v -> batcher.accepting());
  }

  private int publishedEvents() {
    return published.stream().mapToInt(SyslogBatcher.Batch::events).sum();
  }

  @Test
  void sealsABatchAtItsEventLimitAndTheRestAfterTheDelay() {
    SyslogBatcher batcher = batcher(batch -> {
      published.add(batch);
      return Uni.createFrom().voidItem();
    });
    add(batcher, 25);
    await().atMost(Duration.ofSeconds(5)).until(() -> publishedEvents() == 25);
    assertThat(published).extracting(SyslogBatcher.Batch::events).containsExactly(10, 10, 5);
    assertThat(metrics.publishedCount()).isEqualTo(25);
    assertThat(unpublished(batcher)).isZero();
  }

  @Test
  void holdsTheBatchAndPausesTheSourceWhileKafkaFailsThenPublishesEverythingOnce() {
    AtomicInteger attempts = new AtomicInteger();
    SyslogBatcher batcher = batcher(batch -> {
      if (attempts.incrementAndGet() <= 2) {
        return Uni.createFrom().failure(new ProblemException(503, "kafka-unavailable", "x", "y")
            .retryAfter(1));
      }
      published.add(batch);
      return Uni.createFrom().voidItem();
    });
    add(batcher, 10);
    await().atMost(Duration.ofSeconds(2)).until(paused::get);
    // More arrives while the first batch waits: it fills the second slot, the source stays paused.
    add(batcher, 10);
    assertThat(published).isEmpty();
    assertThat(unpublished(batcher)).isEqualTo(20);
    await().atMost(Duration.ofSeconds(10)).until(() -> publishedEvents() == 20);
    assertThat(published).hasSize(2);
    await().atMost(Duration.ofSeconds(2)).until(() -> !paused.get());
    assertThat(metrics.droppedCount()).isZero();
  }

  @Test
  void turnsExtraEventsAwayOnlyWhenBothSlotsAndTheOpenBatchAreFull() {
    CompletableFuture<Void> kafka = new CompletableFuture<>();
    SyslogBatcher batcher = batcher(batch -> {
      published.add(batch);
      return Uni.createFrom().completionStage(kafka);
    });
    add(batcher, 20);
    assertThat(accepting(batcher)).isTrue();
    add(batcher, 10);
    assertThat(accepting(batcher)).isFalse();
    kafka.complete(null);
    await().atMost(Duration.ofSeconds(5)).until(() -> accepting(batcher));
    await().atMost(Duration.ofSeconds(5)).until(() -> publishedEvents() == 30);
  }

  @Test
  void dropsAndCountsABatchWhoseKeyIsNoLongerValid() {
    SyslogBatcher batcher = batcher(batch -> Uni.createFrom().failure(
        new SyslogBatcher.DropBatchException("revoked")));
    add(batcher, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> metrics.rejectedCount() == 10);
    assertThat(unpublished(batcher)).isZero();
  }

  @Test
  void publishesWhatIsOpenWhenClosedAndThenReportsDrained() {
    SyslogBatcher batcher = batcher(batch -> {
      published.add(batch);
      return Uni.createFrom().voidItem();
    });
    add(batcher, 3);
    CompletableFuture<Void> drained = new CompletableFuture<>();
    on(v -> {
      batcher.close(() -> drained.complete(null));
      return null;
    });
    drained.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(publishedEvents()).isEqualTo(3);
  }

  static SyslogConfig config(int batchEvents, long batchDelayMillis) {
    return new SyslogConfig() {
      @Override
      public Listener defaults() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Map<String, Listener> listeners() {
        return Map.of();
      }

      @Override
      public MemorySize maxMessageBytes() {
        return new MemorySize(BigInteger.valueOf(64 * 1024));
      }

      @Override
      public int maxConnections() {
        return 10;
      }

      @Override
      public int batchEvents() {
        return batchEvents;
      }

      @Override
      public MemorySize batchBytes() {
        return new MemorySize(BigInteger.valueOf(1 << 20));
      }

      @Override
      public Duration batchDelay() {
        return Duration.ofMillis(batchDelayMillis);
      }

      @Override
      public Duration keyCheckInterval() {
        return Duration.ofSeconds(30);
      }
    };
  }

}
