package io.strata.ingest.syslog;

import java.time.Duration;

/**
 * What a listener binds and whom it takes, with the settings it leaves out filled in: a named
 * listener takes the default listener's, and that one the built-in defaults below.
 */
record ListenerSettings(String host, AllowedSources allowedSources, Duration idleTimeout,
    Duration frameTimeout, int maxConnectionsPerSource) {

  /** Only this host's senders, until the operator opens the listener up. */
  static final String DEFAULT_HOST = "127.0.0.1";
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofMinutes(1);
  static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 64;

  /**
   * The settings of listener {@code name}: its own, else those of {@code root} (the default
   * listener; the same object for the default listener itself), else the built-in defaults.
   *
   * @throws IllegalStateException naming the listener and the setting when one is not valid
   */
  static ListenerSettings of(String name, SyslogConfig.Listener own, SyslogConfig.Listener root) {
    String host = own.host().or(root::host).orElse(DEFAULT_HOST).trim();
    Duration idle = own.idleTimeout().or(root::idleTimeout).orElse(DEFAULT_IDLE_TIMEOUT);
    Duration frame = own.frameTimeout().or(root::frameTimeout).orElse(DEFAULT_FRAME_TIMEOUT);
    int perSource = own.maxConnectionsPerSource().isPresent()
        ? own.maxConnectionsPerSource().getAsInt()
        : root.maxConnectionsPerSource().orElse(DEFAULT_MAX_CONNECTIONS_PER_SOURCE);
    if (host.isEmpty()) {
      throw invalid(name, "host", "is empty");
    }
    if (idle.isNegative() || idle.isZero()) {
      throw invalid(name, "idle-timeout", "must be positive, was " + idle);
    }
    if (frame.isNegative() || frame.isZero()) {
      throw invalid(name, "frame-timeout", "must be positive, was " + frame);
    }
    if (perSource < 1) {
      throw invalid(name, "max-connections-per-source", "must be at least 1, was " + perSource);
    }
    AllowedSources allowed = AllowedSources.ANY;
    var sources = own.allowedSources().or(root::allowedSources);
    if (sources.isPresent()) {
      try {
        allowed = AllowedSources.parse(sources.get());
      } catch (IllegalArgumentException e) {
        throw invalid(name, "allowed-sources", e.getMessage());
      }
    }
    return new ListenerSettings(host, allowed, idle, frame, perSource);
  }

  /** Whether the listener takes senders of this host only. */
  boolean isLoopbackOnly() {
    return host.startsWith("127.") || host.equals("::1") || host.equalsIgnoreCase("localhost");
  }

  private static IllegalStateException invalid(String name, String setting, String problem) {
    return new IllegalStateException("syslog listener '" + name + "': " + setting + " " + problem);
  }
}
