package io.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aPortBelowTheEphemeralRangeThatCanBeBound() throws IOException {
    int ephemeralLow = Integer.parseInt(procFile().split("\\s+")[0]);
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.find();
      assertThat(port).isBetween(10_000, ephemeralLow - 1);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  /** The kernel's ephemeral port range; read as a stream: procfs files report a size of 0. */
  private static String procFile() throws IOException {
    try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }
  }
}
