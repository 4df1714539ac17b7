package io.strata.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** GDPR erasures: how long a request may be cancelled, and how broad one may be. */
@ConfigMapping(prefix = "strata.erasure")
public interface ErasureConfig {

  /**
   * How long after the request an erasure waits, cancellable, before it runs ({@code
   * STRATA_ERASURE_CANCEL_WINDOW}).
   */
  @WithDefault("1h")
  Duration cancelWindow();

  /**
   * The largest share of the events in its range an erasure may match ({@code
   * STRATA_ERASURE_MAX_SHARE}): erasure is for a data subject's events, not a bulk delete; a
   * broader request is refused with 400.
   */
  @WithDefault("0.1")
  double maxShare();

  /** How often due erasures are looked for ({@code STRATA_ERASURE_CHECK_INTERVAL}). */
  @WithDefault("10s")
  Duration checkInterval();
}
