package io.strata.infra.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Leaves out the two gauges of the PostgreSQL client's Vert.x metrics that describe one connection
 * of the pool rather than the pool.
 *
 * <p>The reactive PostgreSQL client (Vert.x 4.5) asks for client metrics once per connection it
 * opens, and Quarkus's binder registers {@code postgresql.queue.size} and {@code
 * postgresql.current} for each of them under the same name and tags: the second connection's
 * registration is refused with a WARN ("This Gauge has been already registered", quarkusio/quarkus
 * #47504), and the gauge that stays reads the first connection only, whatever the others do. The
 * counters and timers of the same binder ({@code postgresql.completed}, {@code
 * postgresql.processing}, {@code postgresql.queue.delay}, {@code postgresql.reset}) add up over
 * every connection and are kept.
 */
@Singleton
public class SqlClientMeters {

  /** The per-connection gauges, by name. */
  static final Set<String> PER_CONNECTION_GAUGES = Set.of("postgresql.queue.size", "postgresql.current");

  @Produces
  @Singleton
  MeterFilter perConnectionGauges() {
    return filter();
  }

  /** The filter: denies the per-connection gauges, says nothing about any other meter. */
  public static MeterFilter filter() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return id.getType() == Meter.Type.GAUGE && PER_CONNECTION_GAUGES.contains(id.getName())
            ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
      }
    };
  }
}
