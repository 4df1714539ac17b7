package io.strata.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sealing of day indexes: when a day that is over is merged and its files' hashes recorded. */
@ConfigMapping(prefix = "strata.seal")
public interface SealConfig {

  /** How often indexes ready to seal are looked for ({@code STRATA_SEAL_INTERVAL}). */
  @WithDefault("1h")
  Duration interval();

  /**
   * How long an index of a day that is over must have been left alone (no commit) before it is
   * sealed ({@code STRATA_SEAL_AFTER}): late events keep arriving for a while after midnight, and
   * each seal merges the whole index.
   */
  @WithDefault("1h")
  Duration after();
}
