package io.strata.parsing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Parsing rules: how long one may run on an event, how many a tenant keeps, how fresh they are. */
@ConfigMapping(prefix = "strata.parsing")
public interface ParsingConfig {

  /**
   * The most time a rule may spend on one event ({@code STRATA_PARSING_RULE_TIMEOUT}); past it the
   * event is indexed as it was and counted as {@code timed_out}.
   */
  @WithDefault("5ms")
  Duration ruleTimeout();

  /** Rules one tenant may keep ({@code STRATA_PARSING_MAX_RULES}). */
  @WithDefault("100")
  int maxRules();

  /**
   * How often a node reads the rules again, so that a change made through another node reaches
   * its indexer ({@code STRATA_PARSING_REFRESH}); a change made through this node applies at once.
   */
  @WithDefault("30s")
  Duration refresh();
}
