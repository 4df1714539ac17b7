package io.strata.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceConnectionsTest {

  @Test
  void oneSourceAtItsLimitDoesNotKeepOthersOut() {
    SourceConnections sources = new SourceConnections(2);
    assertThat(sources.tryOpen("192.0.2.1")).isTrue();
    assertThat(sources.tryOpen("192.0.2.1")).isTrue();
    assertThat(sources.tryOpen("192.0.2.1")).isFalse();
    assertThat(sources.tryOpen("192.0.2.2")).isTrue();
    assertThat(sources.open("192.0.2.1")).isEqualTo(2);
    sources.closed("192.0.2.1");
    assertThat(sources.tryOpen("192.0.2.1")).isTrue();
    sources.closed("192.0.2.2");
    sources.closed("192.0.2.2");
    assertThat(sources.open("192.0.2.2")).isZero();
  }

  @Test
  void neverHandsOutMoreThanTheLimitUnderContention() throws Exception {
    SourceConnections sources = new SourceConnections(5);
    AtomicInteger taken = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 1000; i++) {
          if (sources.tryOpen("198.51.100.1")) {
            taken.incrementAndGet();
          }
        }
      }));
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(taken).hasValue(5);
    assertThat(sources.open("198.51.100.1")).isEqualTo(5);
  }
}
