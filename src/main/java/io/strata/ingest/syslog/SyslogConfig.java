package io.strata.ingest.syslog;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Syslog listeners (RFC 5424 and RFC 3164 over TCP, TLS and UDP), each bound to one tenant by an API
 * key. The default listener is configured at the root ({@code STRATA_SYSLOG_TCP_PORT}, {@code
 * STRATA_SYSLOG_UDP_PORT}, {@code STRATA_SYSLOG_API_KEY}); more under {@code
 * strata.syslog.listener."<name>".*}. A listener without a port or without a key is not started.
 */
@ConfigMapping(prefix = "strata.syslog")
public interface SyslogConfig {

  /** The default listener. */
  @WithParentName
  Listener defaults();

  /** Further listeners by name, e.g. one per tenant or one with TLS. */
  @WithName("listener")
  Map<String, Listener> listeners();

  /**
   * Largest message, without its framing; a longer one is skipped and counted as rejected. Also
   * capped by {@code strata.ingest.max-event-bytes}.
   */
  @WithDefault("64K")
  MemorySize maxMessageBytes();

  /**
   * Most TCP connections one listener holds at once; more are closed at once. With the batch
   * limits this bounds the memory of a listener: about max-connections x (2 x batch-bytes +
   * max-message-bytes).
   */
  @WithDefault("512")
  int maxConnections();

  /** Most messages in one batch (one Kafka record) of a connection or UDP socket. */
  @WithDefault("1000")
  int batchEvents();

  /** Largest batch, in bytes of events. */
  @WithDefault("256K")
  MemorySize batchBytes();

  /** How long a batch waits for more messages before it is published. */
  @WithDefault("150ms")
  Duration batchDelay();

  /**
   * How often a listener checks its API key again; a revoked or expired key stops the listener's
   * ingest within this time.
   */
  @WithDefault("30s")
  Duration keyCheckInterval();

  /** One listener: its ports, the key that binds it to a tenant, and TLS for its TCP port. */
  interface Listener {

    /** TCP port (TLS when a certificate is configured); 0 picks a free one. */
    OptionalInt tcpPort();

    /** UDP port; 0 picks a free one. */
    OptionalInt udpPort();

    /**
     * The API key (with the {@code ingest} scope) whose tenant receives this listener's events.
     * Warning: a secret; set it from the environment ({@code STRATA_SYSLOG_API_KEY}).
     */
    Optional<String> apiKey();

    /** The address to bind. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * The zone of RFC 3164 stamps, which carry none (an IANA id such as {@code Europe/Berlin}, or
     * {@code UTC}).
     */
    @WithDefault("UTC")
    String timeZone();

    /** TLS for the TCP port. */
    Tls tls();
  }

  /**
   * The listener's certificate: PEM files ({@code certificate} and {@code key}) or a PKCS#12 / JKS
   * key store. With one of them the TCP port speaks TLS only.
   */
  interface Tls {

    /** PEM certificate chain. */
    Optional<Path> certificate();

    /** PEM private key (PKCS#8 or PKCS#1) of the certificate. */
    Optional<Path> key();

    /** PKCS#12 ({@code .p12}, {@code .pfx}) or JKS ({@code .jks}) key store. */
    Optional<Path> keyStore();

    /** The key store's password. Warning: a secret; set it from the environment. */
    Optional<String> keyStorePassword();
  }
}
