package io.strata.ingest.elastic;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the Elasticsearch-compatible endpoints present themselves to shippers. */
@ConfigMapping(prefix = "strata.elastic")
public interface ElasticConfig {

  /**
   * The Elasticsearch version {@code GET /} reports. Shippers choose their request format by its
   * major version (8 drops mapping types; Logstash, Beats and Vector accept 8 and 9).
   */
  @WithDefault("8.19.0")
  String version();

  /** The cluster name {@code GET /} and {@code GET /_cluster/health} report. */
  @WithDefault("strata")
  String clusterName();
}
