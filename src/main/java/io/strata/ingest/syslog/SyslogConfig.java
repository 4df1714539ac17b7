package io.strata.ingest.syslog;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Syslog listeners (RFC 5424 and RFC 3164 over TCP, TLS and UDP), each bound to one tenant by an API
 * key. The default listener is configured at the root ({@code STRATA_SYSLOG_TCP_PORT}, {@code
 * STRATA_SYSLOG_UDP_PORT}, {@code STRATA_SYSLOG_API_KEY}); more under {@code
 * strata.syslog.listener."<name>".*} ({@code STRATA_SYSLOG_LISTENER_<NAME>_TCP_PORT}, ...). A
 * listener without a port or without a key is not started.
 *
 * <p>Syslog has no authentication of its own: whoever reaches a listener writes into its tenant.
 * So a listener binds the loopback address unless {@code host} says otherwise, can take senders from
 * some networks only ({@code allowed-sources}) and, over TLS, require client certificates ({@code
 * tls.client-ca}); and idle connections, unfinished frames and connections per source are limited,
 * so that a few senders cannot hold every connection. A named listener without its own {@code
 * host}, {@code allowed-sources}, {@code idle-timeout}, {@code frame-timeout} or {@code
 * max-connections-per-source} takes the default listener's.
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
   * Most TCP connections one listener holds at once, from all sources; more are closed at once
   * ({@code STRATA_SYSLOG_MAX_CONNECTIONS}). With the batch limits this bounds the memory of a
   * listener: about max-connections x (2 x batch-bytes + max-message-bytes).
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

    /**
     * The address to bind ({@code STRATA_SYSLOG_HOST}, {@code STRATA_SYSLOG_LISTENER_<NAME>_HOST}).
     * Default: the default listener's, else {@code 127.0.0.1}, so that a listener takes senders
     * from other hosts only when asked to ({@code 0.0.0.0} for every interface, as in a container).
     */
    Optional<String> host();

    /**
     * The senders a listener takes, as IP addresses or CIDR ranges ({@code 10.0.0.0/8},
     * {@code 192.0.2.7}, {@code 2001:db8::/32}), comma-separated ({@code
     * STRATA_SYSLOG_ALLOWED_SOURCES}, {@code STRATA_SYSLOG_LISTENER_<NAME>_ALLOWED_SOURCES}). A
     * connection from elsewhere is closed at once, a datagram dropped; both are counted. Default:
     * the default listener's, else every source.
     */
    Optional<List<String>> allowedSources();

    /**
     * A TCP connection that sends nothing for this long is closed ({@code
     * STRATA_SYSLOG_IDLE_TIMEOUT}, {@code STRATA_SYSLOG_LISTENER_<NAME>_IDLE_TIMEOUT}); senders
     * reconnect when they have something to send. Time while Strata holds the connection back
     * (Kafka is slow) does not count. Default: the default listener's, else 5 minutes.
     */
    Optional<Duration> idleTimeout();

    /**
     * A frame (message) that is not complete this long after its first byte closes its connection
     * ({@code STRATA_SYSLOG_FRAME_TIMEOUT}, {@code STRATA_SYSLOG_LISTENER_<NAME>_FRAME_TIMEOUT}): a
     * sender that trickles a frame byte by byte cannot hold a connection with the idle timeout
     * alone. The TLS handshake has at most this long too (and at most 10 s). Default: the default
     * listener's, else 1 minute.
     */
    Optional<Duration> frameTimeout();

    /**
     * Most TCP connections one source address holds at once on a listener; more from that address
     * are closed at once, while other sources still get in ({@code
     * STRATA_SYSLOG_MAX_CONNECTIONS_PER_SOURCE}, {@code
     * STRATA_SYSLOG_LISTENER_<NAME>_MAX_CONNECTIONS_PER_SOURCE}). Raise it for many senders behind
     * one NAT address. Default: the default listener's, else 64.
     */
    OptionalInt maxConnectionsPerSource();

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

    /**
     * PEM file of the CA certificates that sign the senders' client certificates ({@code
     * STRATA_SYSLOG_LISTENER_<NAME>_TLS_CLIENT_CA}). With it (or {@link #clientTrustStore()}) the
     * listener requires a client certificate signed by one of them and refuses a sender without
     * one (mutual TLS); any such certificate is accepted, whatever its name.
     */
    Optional<Path> clientCa();

    /** The same as {@link #clientCa()} as a PKCS#12 or JKS trust store. */
    Optional<Path> clientTrustStore();

    /** The client trust store's password. */
    Optional<String> clientTrustStorePassword();
  }
}
