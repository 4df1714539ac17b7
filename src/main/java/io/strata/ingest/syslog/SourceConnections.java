package io.strata.ingest.syslog;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a listener's open TCP connections per source address, so that one address (a flood, or a
 * sender that leaks connections) cannot take every connection of the listener: beyond {@code
 * maxPerSource} its new connections are refused while other addresses still get in.
 *
 * <p>Thread-safe: connections are accepted and closed on several event loops.
 */
final class SourceConnections {

  private final int maxPerSource;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  SourceConnections(int maxPerSource) {
    this.maxPerSource = maxPerSource;
  }

  /** Takes a connection from {@code source} if it holds fewer than the limit; then true. */
  boolean tryOpen(String source) {
    boolean[] taken = {false};
    open.compute(key(source), (address, count) -> {
      int n = count == null ? 0 : count;
      if (n >= maxPerSource) {
        return count;
      }
      taken[0] = true;
      return n + 1;
    });
    return taken[0];
  }

  /** Gives back a connection {@link #tryOpen} took; an address with none left is forgotten. */
  void closed(String source) {
    open.computeIfPresent(key(source), (address, count) -> count <= 1 ? null : count - 1);
  }

  /** Connections {@code source} holds now. */
  int open(String source) {
    return open.getOrDefault(key(source), 0);
  }

  private static String key(String source) {
    return source == null ? "" : source;
  }
}
