package io.strata.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a TCP port on the loopback interface that nothing listens on right now, below the range
 * the kernel hands out to outgoing connections: a port found there and bound a moment later can
 * meanwhile become the local end of a client's connection (a Keycloak start failed so, its port
 * taken by a Kafka client).
 */
public final class FreePorts {

  private static final int LOWEST = 10_000;

  private FreePorts() {}

  /** A free port, outside the ephemeral range when there is room below it. */
  public static int find() {
    int below = ephemeralLow();
    if (below - LOWEST >= 1_000) {
      for (int attempt = 0; attempt < 100; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          socket.setReuseAddress(true);
          return port;
        } catch (IOException e) {
          // Taken: try another.
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }

  /** The first port of the kernel's ephemeral range (Linux), or 32768 when it cannot be read. */
  private static int ephemeralLow() {
    try {
      String range = procFile();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /** The kernel's ephemeral port range; read as a stream: procfs files report a size of 0. */
  private static String procFile() throws IOException {
    try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }
  }
}
