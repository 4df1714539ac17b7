package io.strata.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Retention: the platform default, and how often and how carefully expired indexes are deleted. */
@ConfigMapping(prefix = "strata.retention")
public interface RetentionConfig {

  /**
   * Days a tenant's events are kept until its admin sets a policy ({@code
   * STRATA_RETENTION_DEFAULT_DAYS}).
   */
  @WithDefault("30")
  int defaultDays();

  /**
   * How often expired indexes are looked for and deleted ({@code STRATA_RETENTION_INTERVAL}); down
   * to seconds for tests and trials.
   */
  @WithDefault("1h")
  Duration interval();

  /**
   * How long an expired index is kept before it is deleted ({@code STRATA_RETENTION_DELETE_DELAY}):
   * time to notice and fix a wrong policy, as Loki's {@code retention_delete_delay}.
   */
  @WithDefault("24h")
  Duration deleteDelay();

  /**
   * How often a node reads the policies again, so that a change made through another node reaches
   * its indexer ({@code STRATA_RETENTION_POLICY_REFRESH}); a change made through this node applies
   * at once.
   */
  @WithDefault("30s")
  Duration policyRefresh();
}
