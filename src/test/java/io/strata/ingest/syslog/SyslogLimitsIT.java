package io.strata.ingest.syslog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.security.ApiKeySecrets;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.SyslogClientCertificates;
import io.strata.testing.SyslogTlsCertificate;
import io.strata.testing.TestTenants;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks an adversarial probe made on the syslog listeners, against the listeners of the test
 * profile (see application.properties): holding every connection with idle ones, trickling a frame,
 * sending from a source that is not allowed, and talking TLS without a client certificate. Each
 * test makes the attack and checks that the listener cuts it off while a legitimate sender still
 * gets through.
 *
 * <p>All test connections come from this host: a second source is a client socket bound to
 * 127.0.0.2, which Linux routes on the loopback interface like 127.0.0.1.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class SyslogLimitsIT {

  private static final String HERE = "127.0.0.1";
  private static final String OTHER = "127.0.0.2";
  /** The test profile's max-connections-per-source. */
  private static final int PER_SOURCE = 8;

  @Inject
  SyslogListeners listeners;

  @Inject
  Pool pool;

  @ConfigProperty(name = "strata.syslog.api-key")
  String listenerKey;

  @ConfigProperty(name = "strata.data-dir")
  Path dataDir;

  private String searchKey;
  private String marker;

  @BeforeEach
  void bindListenersToAFreshTenant() {
    String tenant = TestTenants.newTenant("syslog-limits");
    searchKey = TestTenants.newKey(tenant, "search");
    String keyId = "key_sysl" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String hash = ApiKeySecrets.hash(listenerKey);
    pool.preparedQuery("DELETE FROM api_keys WHERE hash = $1").execute(Tuple.of(hash))
        .await().indefinitely();
    pool.preparedQuery("INSERT INTO api_keys (id, tenant_id, name, hash, scopes, created_at)"
            + " VALUES ($1, $2, 'syslog listener', $3, 'ingest', now())")
        .execute(Tuple.of(keyId, tenant, hash)).await().indefinitely();
    listeners.checkKeys();
    await().atMost(Duration.ofSeconds(10)).until(() -> List.of("default", "limits",
        "allowlisted", "mtls").stream().allMatch(name -> {
          Binding binding = listener(name).binding();
          return binding != null && binding.tenant().equals(tenant);
        }));
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  private SyslogListener listener(String name) {
    return listeners.find(name).orElseThrow();
  }

  private int total(String q) {
    // RFC 3164 stamps have no year: the event may be dated up to a year back.
    return Events.search(searchKey, Map.of("q", q, "from", "2000-01-01T00:00:00Z",
        "to", "2100-01-01T00:00:00Z", "limit", 1000)).getInt("total");
  }

  private void awaitTotal(String q, int total) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
        .until(() -> total(q) == total);
  }

  /** A TCP connection to {@code port} from the local address {@code from}. */
  private static Socket connect(String from, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(HERE, port), 5000);
    return socket;
  }

  private static byte[] line(String text) {
    return ("<14>Nov 27 10:00:00 probe app: " + text + "\n").getBytes(UTF_8);
  }

  /** Whether the listener closed the connection within 5 s (end of stream or a reset). */
  private static boolean closedByPeer(Socket socket) throws IOException {
    socket.setSoTimeout(5000);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void idleConnectionsBeyondThePerSourceLimitAreRefusedWhileOtherSourcesGetIn() throws Exception {
    SyslogListener listener = listener("default");
    int port = listener.tcpPort();
    await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections(HERE) == 0);
    long refusedBefore = listener.refusals().refusedCount(Refusals.Reason.SOURCE_LIMIT);
    List<Socket> held = new ArrayList<>();
    try {
      // The attack: connections that send nothing, as many as one source may hold.
      for (int i = 0; i < PER_SOURCE; i++) {
        held.add(connect(HERE, port));
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> listener.openConnections(HERE) == PER_SOURCE);

      try (Socket oneMore = connect(HERE, port)) {
        oneMore.getOutputStream().write(line("over the limit " + marker));
        assertThat(closedByPeer(oneMore)).as("a connection over the per-source limit").isTrue();
      } catch (IOException reset) {
        // Closed before the write got through: just as refused.
      }
      assertThat(listener.refusals().refusedCount(Refusals.Reason.SOURCE_LIMIT))
          .isEqualTo(refusedBefore + 1);

      try (Socket other = connect(OTHER, port)) {
        other.getOutputStream().write(line("from another source " + marker));
      }
      awaitTotal("\"from another source\" AND " + marker, 1);
      for (Socket socket : held) {
        assertThat(socket.isClosed()).isFalse();
        socket.getOutputStream().write(line("held " + marker));
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    // Once they are closed, the source may connect again.
    await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections(HERE) == 0);
    try (Socket again = connect(HERE, port)) {
      again.getOutputStream().write(line("after " + marker));
    }
    awaitTotal(marker, 2 + PER_SOURCE);
    assertThat(total("\"over the limit\" AND " + marker)).isZero();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
    SyslogListener listener = listener("limits");
    long idleBefore = listener.refusals().timedOutCount(Refusals.Timeout.IDLE);
    try (Socket socket = connect(HERE, listener.tcpPort())) {
      socket.getOutputStream().write(line("then silence " + marker));
      long start = System.nanoTime();
      socket.setSoTimeout(15_000);
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (IOException reset) {
        read = -1;
      }
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(read).as("the listener closed the idle connection").isEqualTo(-1);
      // The test profile's idle-timeout is 2 s; it is checked four times per timeout.
      assertThat(waitedMillis).isBetween(1500L, 10_000L);
    }
    assertThat(listener.refusals().timedOutCount(Refusals.Timeout.IDLE)).isEqualTo(idleBefore + 1);
    // What it sent before is kept.
    awaitTotal("\"then silence\" AND " + marker, 1);
  }

  @Test
  void aFrameTrickledByteByByteIsCutOffWhileSlowCompleteMessagesAreNot() throws Exception {
    SyslogListener listener = listener("limits");
    long frameBefore = listener.refusals().timedOutCount(Refusals.Timeout.FRAME);
    long idleBefore = listener.refusals().timedOutCount(Refusals.Timeout.IDLE);

    // A sender with a message every 400 ms: never idle for 2 s, each frame complete at once.
    try (Socket steady = connect(HERE, listener.tcpPort())) {
      steady.setSoTimeout(400);
      for (int i = 0; i < 8; i++) {
        steady.getOutputStream().write(line("steady " + i + " " + marker));
        try {
          assertThat(steady.getInputStream().read()).as("still open after %d messages", i)
              .isNotEqualTo(-1);
        } catch (SocketTimeoutException expected) {
          // Nothing to read and not closed: the connection stays.
        }
      }
    }
    awaitTotal("steady AND " + marker, 8);
    assertThat(listener.refusals().timedOutCount(Refusals.Timeout.FRAME)).isEqualTo(frameBefore);

    // The attack: one byte every 200 ms of a frame that never ends, which keeps the idle clock
    // from running out; the test profile's frame-timeout is 1 s.
    byte[] slow = ("<14>Nov 27 10:00:00 probe app: trickle " + marker + " " + "x".repeat(200))
        .getBytes(UTF_8);
    long start = System.nanoTime();
    boolean closed = false;
    try (Socket trickle = connect(HERE, listener.tcpPort())) {
      trickle.setSoTimeout(200);
      OutputStream out = trickle.getOutputStream();
      InputStream in = trickle.getInputStream();
      for (int i = 0; i < slow.length && !closed; i++) {
        try {
          out.write(slow[i]);
          closed = in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          // Not closed yet: next byte.
        } catch (IOException reset) {
          closed = true;
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(closed).as("the trickling connection was closed").isTrue();
    assertThat(millis).isBetween(800L, 10_000L);
    assertThat(listener.refusals().timedOutCount(Refusals.Timeout.FRAME))
        .isEqualTo(frameBefore + 1);
    assertThat(listener.refusals().timedOutCount(Refusals.Timeout.IDLE)).isEqualTo(idleBefore);
  }

  @Test
  void aListenerWithAllowedSourcesTakesThoseOnly() throws Exception {
    SyslogListener listener = listener("allowlisted");
    long refusedBefore = listener.refusals().refusedCount(Refusals.Reason.NOT_ALLOWED);
    try (Socket stranger = connect(HERE, listener.tcpPort())) {
      stranger.getOutputStream().write(line("tcp stranger " + marker));
      assertThat(closedByPeer(stranger)).isTrue();
    } catch (IOException reset) {
      // Closed before the write got through: just as refused.
    }
    assertThat(listener.refusals().refusedCount(Refusals.Reason.NOT_ALLOWED))
        .isEqualTo(refusedBefore + 1);
    try (Socket allowed = connect(OTHER, listener.tcpPort())) {
      allowed.getOutputStream().write(line("tcp allowed " + marker));
    }

    SyslogMetrics udp = listener.udpMetrics();
    long rejectedBefore = udp.rejectedCount();
    InetSocketAddress target = new InetSocketAddress(HERE, listener.udpPort());
    try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(HERE, 0));
        DatagramSocket allowed = new DatagramSocket(new InetSocketAddress(OTHER, 0))) {
      byte[] refused = line("udp stranger " + marker);
      stranger.send(new DatagramPacket(refused, refused.length, target));
      byte[] taken = line("udp allowed " + marker);
      allowed.send(new DatagramPacket(taken, taken.length, target));
    }
    awaitTotal("allowed AND " + marker, 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> udp.rejectedCount() == rejectedBefore + 1);
    Thread.sleep(1000);
    assertThat(total("stranger AND " + marker)).isZero();
  }

  @Test
  void aListenerThatRequiresClientCertificatesRefusesSendersWithoutAValidOne() throws Exception {
    SyslogListener listener = listener("mtls");
    long refusedBefore = listener.refusals().refusedCount(Refusals.Reason.TLS);

    assertThat(sendOverTls(null, "no certificate " + marker)).as("without a certificate").isFalse();
    assertThat(sendOverTls(SyslogClientCertificates.rogueClient(dataDir), "rogue " + marker))
        .as("with a certificate the CA did not sign").isFalse();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> listener.refusals().refusedCount(Refusals.Reason.TLS) >= refusedBefore + 2);

    assertThat(sendOverTls(SyslogClientCertificates.trustedClient(dataDir), "signed " + marker))
        .as("with a certificate of the CA").isTrue();
    awaitTotal("signed AND " + marker, 1);
    Thread.sleep(1000);
    assertThat(total(marker)).isEqualTo(1);
  }

  /**
   * Sends a message to the mtls listener with the client certificate of {@code clientStore} (none
   * when null); true when the connection stayed open after it, false when the listener refused.
   */
  private boolean sendOverTls(Path clientStore, String text) throws Exception {
    KeyStore serverCertificate = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(SyslogTlsCertificate.keyStore(dataDir))) {
      serverCertificate.load(in, SyslogTlsCertificate.PASSWORD.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trust.init(serverCertificate);
    KeyManagerFactory keys = null;
    if (clientStore != null) {
      KeyStore client = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(clientStore)) {
        client.load(in, SyslogClientCertificates.PASSWORD.toCharArray());
      }
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(client, SyslogClientCertificates.PASSWORD.toCharArray());
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory()
        .createSocket("localhost", listener("mtls").tcpPort())) {
      // With TLS 1.3 the client's handshake ends before the server has checked its certificate:
      // the refusal shows on the next read.
      socket.startHandshake();
      socket.getOutputStream().write(line(text));
      socket.getOutputStream().flush();
      socket.setSoTimeout(1000);
      try {
        return socket.getInputStream().read() != -1;
      } catch (SocketTimeoutException stillOpen) {
        return true;
      }
    } catch (IOException refused) {
      return false;
    }
  }
}
