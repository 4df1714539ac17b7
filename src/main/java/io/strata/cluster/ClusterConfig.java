package io.strata.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a node takes part in a cluster of Strata nodes. */
@ConfigMapping(prefix = "strata.cluster")
public interface ClusterConfig {

  /**
   * The secret nodes present to each other ({@code STRATA_CLUSTER_SECRET}). When unset the first
   * node generates one and keeps it in PostgreSQL, where every node reads it.
   */
  Optional<String> secret();

  /** How often a node says in PostgreSQL that it is alive. */
  @WithDefault("2s")
  Duration heartbeatInterval();

  /** A node silent for this long is treated as down: reads skip it and answer {@code partial}. */
  @WithDefault("10s")
  Duration nodeTimeout();

  /**
   * How long a node waits for another node's part of a read before answering without it, {@code
   * partial} ({@code STRATA_CLUSTER_REQUEST_TIMEOUT}).
   */
  @WithDefault("10s")
  Duration requestTimeout();
}
