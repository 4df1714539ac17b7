package io.strata.infra.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Leaves out the gauges of Quarkus's Vert.x metrics that stand for one of several things under one
 * name and tags: only the first registration counts, every later one is refused with a WARN ("This
 * Gauge has been already registered"), and the gauge reads the first thing only.
 *
 * <ul>
 *   <li>{@code postgresql.queue.size} and {@code postgresql.current}: the reactive PostgreSQL
 *       client (Vert.x 4.5) asks for client metrics once per connection it opens, and the binder
 *       registers these two for each, alike (quarkusio/quarkus#47504): they read one connection
 *       of the pool. The counters and timers of the same binder ({@code postgresql.completed},
 *       {@code .processing}, {@code .queue.delay}, {@code .reset}) add up over every connection
 *       and are kept.
 *   <li>{@code tcp.active.connections} of a server that asked for any free port ({@code port=0}):
 *       every such server (syslog listeners set to port 0) would share it.
 * </ul>
 */
@Singleton
public class AmbiguousGauges {

  /** The per-connection gauges of the PostgreSQL client, by name. */
  static final Set<String> PER_CONNECTION = Set.of("postgresql.queue.size", "postgresql.current");

  @Produces
  @Singleton
  MeterFilter ambiguousGauges() {
    return filter();
  }

  private static final java.util.concurrent.atomic.AtomicBoolean INSTALLED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Puts the filter on Micrometer's global registry, once. To be called before Quarkus starts:
   * Quarkus puts it there too (from {@link #ambiguousGauges()}), but only when it configures its
   * registries, after the PostgreSQL pool may have opened its first connection (whose gauges then
   * stay, and the second connection's are refused with the WARN).
   */
  public static void installGlobally() {
    if (INSTALLED.compareAndSet(false, true)) {
      io.micrometer.core.instrument.Metrics.globalRegistry.config().meterFilter(filter());
    }
  }

  /** The filter: denies the gauges above, says nothing about any other meter. */
  public static MeterFilter filter() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        if (id.getType() != Meter.Type.GAUGE) {
          return MeterFilterReply.NEUTRAL;
        }
        boolean ambiguous = PER_CONNECTION.contains(id.getName())
            || (id.getName().equals("tcp.active.connections") && "0".equals(id.getTag("port")));
        return ambiguous ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
      }
    };
  }
}
