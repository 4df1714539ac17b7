package io.strata.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How API keys are checked. */
@ConfigMapping(prefix = "strata.api-keys")
public interface ApiKeyConfig {

  /**
   * How long a node may answer from memory for a key it has checked ({@code
   * STRATA_API_KEYS_CACHE_TTL}); {@code 0} reads every key from PostgreSQL on every request.
   *
   * <p>A key or tenant changed anywhere (another node, a SQL prompt) is forgotten by every node as
   * soon as PostgreSQL tells it ({@code LISTEN strata_credentials}), and the cache is used only
   * while that connection is up. This bound covers the one case notifications cannot: a
   * connection that died without the node noticing.
   */
  @WithDefault("30s")
  Duration cacheTtl();
}
