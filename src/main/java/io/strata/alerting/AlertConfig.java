package io.strata.alerting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Alerting: how often due rules are looked for and how far behind event time they look, and how
 * notifications are delivered.
 */
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

  /**
   * Networks a channel's URL may resolve to although they are internal (loopback, private,
   * link-local, metadata), as CIDRs ({@code STRATA_ALERTS_ALLOWED_NETWORKS}, e.g. {@code
   * 10.20.0.0/16}); none by default.
   */
  Optional<List<String>> allowedNetworks();

  /** How often the outbox is looked at for notifications due ({@code STRATA_ALERTS_DELIVERY_INTERVAL}). */
  @WithDefault("2s")
  Duration deliveryInterval();

  /** The wait after a notification's first failed attempt; it doubles per attempt. */
  @WithDefault("10s")
  Duration retryInitial();

  /** The longest wait between two attempts ({@code STRATA_ALERTS_RETRY_MAX}). */
  @WithDefault("5m")
  Duration retryMax();

  /**
   * How long a notification is retried before it is given up as failed ({@code
   * STRATA_ALERTS_GIVE_UP_AFTER}).
   */
  @WithDefault("24h")
  Duration giveUpAfter();

  /** How long a receiver may take to answer one attempt ({@code STRATA_ALERTS_SEND_TIMEOUT}). */
  @WithDefault("10s")
  Duration sendTimeout();

  /**
   * The operator's channel, where platform alerts go ({@code STRATA_ALERTS_OPERATOR_KIND}, {@code
   * _URL}, {@code _SECRET}, {@code _ROUTING_KEY}, {@code _TO}): the same kinds and settings as a
   * tenant's channel. Unset: platform alerts are only logged and listed.
   */
  Operator operator();

  /** The operator's channel and the platform alerts' thresholds. */
  interface Operator {

    /** {@code webhook}, {@code slack}, {@code pagerduty} or {@code email}; unset: none. */
    Optional<String> kind();

    Optional<String> url();

    /** The webhook's HMAC key. */
    Optional<String> secret();

    /** PagerDuty's routing key. */
    Optional<String> routingKey();

    /** E-mail recipients. */
    Optional<List<String>> to();

    /**
     * Indexing delay (from ingest to indexed) above which this node's platform alert fires ({@code
     * STRATA_ALERTS_OPERATOR_INDEXING_DELAY}).
     */
    @WithDefault("2m")
    Duration indexingDelay();

    /** How often a firing platform alert is told again ({@code STRATA_ALERTS_OPERATOR_RENOTIFY}). */
    @WithDefault("4h")
    Duration renotify();
  }
}
