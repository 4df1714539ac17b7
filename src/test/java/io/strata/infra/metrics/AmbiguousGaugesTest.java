package io.strata.infra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AmbiguousGaugesTest {

  @Test
  void tcpServerGaugesOfAnyFreePortAreLeftOutThoseOfAPortKept() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(AmbiguousGauges.filter());
    for (String port : new String[] {"0", "0", "5514", "6514"}) {
      AtomicInteger connections = new AtomicInteger(Integer.parseInt(port));
      Gauge.builder("tcp.active.connections", connections, AtomicInteger::get)
          .tags("address", "127.0.0.1", "port", port).register(registry);
    }
    assertThat(registry.find("tcp.active.connections").gauges())
        .extracting(gauge -> gauge.getId().getTag("port")).containsExactlyInAnyOrder("5514", "6514");
  }

  @Test
  void perConnectionGaugesAreLeftOutAndTheCountersKept() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(AmbiguousGauges.filter());
    Tags tags = Tags.of("clientName", "<default>", "clientType", "sql");
    // What Quarkus's binder does for each connection the pool opens.
    for (int connection = 0; connection < 3; connection++) {
      AtomicInteger queue = new AtomicInteger(connection);
      Gauge.builder("postgresql.queue.size", queue, AtomicInteger::get).tags(tags).register(registry);
      Gauge.builder("postgresql.current", queue, AtomicInteger::get).tags(tags).register(registry);
      Counter.builder("postgresql.completed").tags(tags).register(registry).increment();
    }
    assertThat(registry.find("postgresql.queue.size").gauges()).isEmpty();
    assertThat(registry.find("postgresql.current").gauges()).isEmpty();
    assertThat(registry.get("postgresql.completed").counter().count()).isEqualTo(3.0);
    AtomicInteger other = new AtomicInteger(7);
    Gauge.builder("strata.syslog.connections", other, AtomicInteger::get).register(registry);
    assertThat(registry.get("strata.syslog.connections").gauge().value()).isEqualTo(7.0);
  }
}
