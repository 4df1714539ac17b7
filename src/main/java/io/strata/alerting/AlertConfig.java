package io.strata.alerting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Alert evaluation: how often due rules are looked for, and how far behind event time they look. */
@ConfigMapping(prefix = "strata.alerts")
public interface AlertConfig {

  /** How often the scheduler looks for rules that are due ({@code STRATA_ALERTS_TICK}). */
  @WithDefault("5s")
  Duration tick();

  /**
   * How far behind its evaluation time a rule's window ends, so that the window's events are
   * indexed before they are counted ({@code STRATA_ALERTS_EVALUATION_DELAY}).
   */
  @WithDefault("5s")
  Duration evaluationDelay();
}
