package io.strata.tail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and pace of the live tail. */
@ConfigMapping(prefix = "strata.tail")
public interface TailConfig {

  /** Most live tails one tenant may have open at once on this node; one more gets a 429. */
  @WithDefault("10")
  int maxPerTenant();

  /**
   * Events of one tenant indexed but not yet checked against its tails. When the tenant sends more
   * than that between two passes, the rest are skipped and every tail of the tenant is told how
   * many it missed. Caution: each waiting event is a copy of its document, so this is also the
   * memory one tailed tenant can hold (some 30 MB at the default with 1 KB events), and it bounds
   * the CPU the tail spends on the tenant: matching inverts the events again, which takes one core
   * roughly 10-20 ms per 1,000 events.
   */
  @WithDefault("10000")
  int backlog();

  /**
   * Matching events kept for one client that reads slower than they arrive; beyond that, newer ones
   * are dropped and the client is told how many. Caution: each is kept as its JSON, so a stalled
   * client can hold this many events' worth of memory until it reads or goes away.
   */
  @WithDefault("1000")
  int clientBuffer();

  /** How often new events are matched against the tails and pushed. */
  @WithDefault("250ms")
  Duration interval();

  /**
   * The longest a tail opened through the API lives ({@code STRATA_TAIL_MAX_DURATION}); then it ends
   * with {@code event: end} and the client opens a new one, proving its credential again. Console
   * tails end with the console session instead.
   */
  @WithDefault("1h")
  Duration maxDuration();

  /**
   * How often the API keys of open tails are checked against the database ({@code
   * STRATA_TAIL_CREDENTIAL_CHECK}): a key revoked on another node, or expired, ends its tails within
   * this time (on this node a revocation ends them at once; a token's tail ends at its expiry).
   */
  @WithDefault("30s")
  Duration credentialCheck();

  /** A tail silent for this long gets an SSE comment, so that proxies keep the connection open. */
  @WithDefault("15s")
  Duration heartbeat();
}
