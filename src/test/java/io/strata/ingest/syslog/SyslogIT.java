package io.strata.ingest.syslog;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.security.ApiKeySecrets;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.SyslogTlsCertificate;
import io.strata.testing.TestTenants;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The syslog listeners of the test profile (see application.properties) with real senders: util-linux
 * {@code logger} over TCP (octet-counting and newline framing) and UDP, RFC 5424 and RFC 3164, and a
 * Java client writing raw frames over TCP, UDP and TLS; through Kafka and the indexer to search.
 *
 * <p>Each test gives the listeners' fixed key to a fresh tenant, as an operator would put a tenant's
 * key into a listener's configuration.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class SyslogIT {

  private static final Map<String, String> ALL_TIME = Map.of("from", "2000-01-01T00:00:00Z",
      "to", "2100-01-01T00:00:00Z");
  private static final Path LOGGER = Path.of("/usr/bin/logger");

  @Inject
  SyslogListeners listeners;

  @Inject
  Pool pool;

  @ConfigProperty(name = "strata.syslog.api-key")
  String listenerKey;

  @ConfigProperty(name = "strata.data-dir")
  Path dataDir;

  private String tenant;
  private String searchKey;
  private String keyId;
  private String marker;

  @BeforeEach
  void bindListenersToAFreshTenant() {
    tenant = TestTenants.newTenant("syslog");
    searchKey = TestTenants.newKey(tenant, "search");
    keyId = "key_syslog" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String hash = ApiKeySecrets.hash(listenerKey);
    pool.preparedQuery("DELETE FROM api_keys WHERE hash = $1").execute(Tuple.of(hash))
        .await().indefinitely();
    pool.preparedQuery("INSERT INTO api_keys (id, tenant_id, name, hash, scopes, created_at)"
            + " VALUES ($1, $2, 'syslog listener', $3, 'ingest', now())")
        .execute(Tuple.of(keyId, tenant, hash)).await().indefinitely();
    listeners.checkKeys();
    await().atMost(Duration.ofSeconds(10)).until(() -> isBoundTo(tenant, "default")
        && isBoundTo(tenant, "tls"));
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  private boolean isBoundTo(String expected, String name) {
    Binding binding = listener(name).binding();
    return binding != null && binding.tenant().equals(expected);
  }

  private SyslogListener listener(String name) {
    return listeners.find(name).orElseThrow();
  }

  private int tcpPort() {
    return listener("default").tcpPort();
  }

  private int udpPort() {
    return listener("default").udpPort();
  }

  private List<Map<String, Object>> awaitEvents(String q, int total) {
    Map<String, Object> params = new HashMap<>(ALL_TIME);
    params.put("q", q);
    params.put("limit", 1000);
    JsonPath[] last = new JsonPath[1];
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
        last[0] = Events.search(searchKey, params);
        return last[0].getInt("total") == total;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("search '" + q + "' found " + (last[0] == null ? "nothing"
          : last[0].getInt("total") + " events, not " + total + ": " + last[0].prettify()), e);
    }
    return last[0].getList("events");
  }

  private int total(String q) {
    Map<String, Object> params = new HashMap<>(ALL_TIME);
    params.put("q", q);
    // A full page of the newest day would end the search early with a lower bound: ask for more.
    params.put("limit", 1000);
    return Events.search(searchKey, params).getInt("total");
  }

  private static void logger(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LOGGER.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.exitValue()).as("logger: " + output).isZero();
  }

  private static byte[] octetCounted(String message) {
    byte[] bytes = message.getBytes(UTF_8);
    byte[] prefix = (bytes.length + " ").getBytes(UTF_8);
    byte[] frame = new byte[prefix.length + bytes.length];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(bytes, 0, frame, prefix.length, bytes.length);
    return frame;
  }

  @Test
  void loggerSendsRfc5424OverTcpWithOctetCountingAndStructuredDataIsKept() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(LOGGER), "util-linux logger is not installed");
    logger("--server", "127.0.0.1", "--port", Integer.toString(tcpPort()), "--tcp", "--rfc5424",
        "--octet-count", "--id=4711", "-t", "checkout", "-p", "local0.err", "--msgid", "PAY",
        "--sd-id", "order@32473", "--sd-param", "id=\"42\"", "--sd-param", "currency=\"EUR\"",
        "payment declined " + marker);

    Map<String, Object> event = awaitEvents(marker, 1).getFirst();
    assertThat(event).containsEntry("service", "checkout").containsEntry("level", "ERROR")
        .containsEntry("level_original", "err").containsEntry("facility", "local0")
        .containsEntry("msgid", "PAY").containsEntry("sd.order@32473.id", "42")
        .containsEntry("sd.order@32473.currency", "EUR")
        .containsEntry("message", "payment declined " + marker)
        .containsEntry("procid", "4711").containsKey("host")
        .containsKey("sd.timeQuality.tzKnown");
    assertThat(total("service:checkout AND level:ERROR AND msgid:PAY AND " + marker)).isEqualTo(1);
  }

  @Test
  void loggerSendsRfc3164OverTcpWithNewlinesAndOverUdp() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(LOGGER), "util-linux logger is not installed");
    logger("--server", "127.0.0.1", "--port", Integer.toString(tcpPort()), "--tcp", "--rfc3164",
        "-t", "cron", "-p", "cron.warning", "tcp " + marker);
    logger("--server", "127.0.0.1", "--port", Integer.toString(udpPort()), "--udp", "--rfc3164",
        "-t", "ntpd", "-p", "daemon.debug", "udp " + marker);
    logger("--server", "127.0.0.1", "--port", Integer.toString(udpPort()), "--udp", "--rfc5424",
        "-t", "app", "-p", "user.info", "udp5424 " + marker);

    awaitEvents(marker, 3);
    assertThat(awaitEvents("service:cron AND level:WARN AND facility:cron AND " + marker, 1)
        .getFirst()).containsEntry("message", "tcp " + marker);
    assertThat(awaitEvents("service:ntpd AND level:DEBUG AND facility:daemon AND " + marker, 1)
        .getFirst()).containsEntry("message", "udp " + marker);
    assertThat(awaitEvents("service:app AND level:INFO AND udp5424", 1)).hasSize(1);
  }

  @Test
  void badFramesAreSkippedAndTheirNeighboursKept() throws Exception {
    SyslogMetrics metrics = listener("default").tcpMetrics();
    long rejectedBefore = metrics.rejectedCount();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(octetCounted("<165>1 2026-11-27T10:00:00.123456Z web-1 nginx 77 ACCESS"
        + " [meta sequenceId=\"1\"][req@32473 path=\"/a\\\"b\\]\"] good one " + marker));
    stream.write(("not syslog at all " + marker + "\n").getBytes(UTF_8));
    stream.write(("<13>Nov 27 10:00:01 web-2 app[9]: good two " + marker + "\r\n").getBytes(UTF_8));
    stream.write(octetCounted("<14>1 - web-1 nginx - - [broken sd " + marker));
    stream.write(octetCounted("x".repeat(70_000)));
    stream.write(octetCounted("<14>1 - web-3 nginx - - - good three " + marker));
    stream.write(("<11>Nov 27 10:00:02 web-4 app: good four " + marker).getBytes(UTF_8));
    try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
      socket.getOutputStream().write(stream.toByteArray());
    }

    List<Map<String, Object>> events = awaitEvents(marker, 4);
    assertThat(events).extracting(e -> e.get("message")).containsExactlyInAnyOrder(
        "good one " + marker, "good two " + marker, "good three " + marker, "good four " + marker);
    Map<String, Object> first = awaitEvents("\"good one\" AND " + marker, 1).getFirst();
    assertThat(first).containsEntry("host", "web-1").containsEntry("service", "nginx")
        .containsEntry("procid", "77").containsEntry("msgid", "ACCESS")
        .containsEntry("level", "INFO").containsEntry("level_original", "notice")
        .containsEntry("sd.meta.sequenceId", "1").containsEntry("sd.req@32473.path", "/a\"b]")
        .containsEntry("@timestamp", "2026-11-27T10:00:00.123456Z");
    assertThat(total("host:web-4 AND level:ERROR AND service:app")).isEqualTo(1);
    assertThat(total("sd.meta.sequenceId:1")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> metrics.rejectedCount() - rejectedBefore == 3);
  }

  @Test
  void loghubLinuxLinesWithCrlfAndNoYearBecomeEventsOfTheirHostAndService() throws Exception {
    Path log = Path.of("..", "shared", "data", "loghub", "Linux", "Linux_2k.log");
    Assumptions.assumeTrue(Files.isReadable(log), "shared/data/loghub is not beside the project");
    String[] lines = Files.readString(log, UTF_8).split("\n");
    int n = 300;
    int sshd = 0;
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      // As a syslog daemon forwards them: a PRI (authpriv.info) before each CRLF-ended line.
      stream.write(("<86>" + lines[i] + "\n").getBytes(UTF_8));
      sshd += lines[i].contains(" sshd(pam_unix)[") ? 1 : 0;
    }
    try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
      socket.getOutputStream().write(stream.toByteArray());
    }

    awaitEvents("host:combo", n);
    assertThat(total("service:\"sshd(pam_unix)\" AND facility:authpriv")).isEqualTo(sshd);
    Map<String, Object> oldest = awaitEvents("host:combo AND procid:19939", 1).getFirst();
    assertThat(oldest.get("@timestamp").toString()).endsWith("-06-14T15:16:01.000Z");
    assertThat(oldest.get("message").toString()).startsWith("authentication failure;")
        .doesNotEndWith("\r");
  }

  @Test
  void udpDatagramsAreSearchableAndCounted() throws Exception {
    SyslogMetrics metrics = listener("default").udpMetrics();
    long receivedBefore = metrics.receivedCount();
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < 20; i++) {
        byte[] data = ("<134>1 2026-11-27T10:00:00Z sensor-" + i + " probe - - - reading " + i
            + " " + marker + "\n").getBytes(UTF_8);
        socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(),
            udpPort()));
        Thread.sleep(2);
      }
    }
    awaitEvents(marker, 20);
    assertThat(total("service:probe AND host:sensor-7 AND facility:local0")).isEqualTo(1);
    assertThat(metrics.receivedCount() - receivedBefore).isGreaterThanOrEqualTo(20);
  }

  @Test
  void theTlsListenerTakesFramesFromATlsClient() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(SyslogTlsCertificate.keyStore(dataDir))) {
      trusted.load(in, SyslogTlsCertificate.PASSWORD.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory()
        .createSocket("localhost", listener("tls").tcpPort())) {
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(octetCounted("<38>1 2026-11-27T10:00:00Z bastion sshd 4242 - - accepted key "
          + marker));
      out.write(("<38>Nov 27 10:00:01 bastion sshd[4242]: session opened " + marker + "\n")
          .getBytes(UTF_8));
      out.flush();
    }
    awaitEvents(marker, 2);
    assertThat(total("host:bastion AND service:sshd AND procid:4242 AND " + marker)).isEqualTo(2);
    assertThat(listener("tls").tcpMetrics().receivedCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRevokedKeyStopsTheListenersIngest() throws Exception {
    Socket open = new Socket("127.0.0.1", tcpPort());
    open.getOutputStream().write(("<14>Nov 27 10:00:00 h app: before " + marker + "\n")
        .getBytes(UTF_8));
    awaitEvents("before AND " + marker, 1);

    given().auth().oauth2(TestTenants.OPERATOR_KEY)
        .when().delete("/api/v1/admin/tenants/" + tenant + "/keys/" + keyId)
        .then().statusCode(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> listener("default").binding() == null);

    // The open connection is closed by the listener; a new one is closed at once.
    open.setSoTimeout(5000);
    assertThat(open.getInputStream().read()).isEqualTo(-1);
    open.close();
    try (Socket again = new Socket("127.0.0.1", tcpPort())) {
      again.setSoTimeout(5000);
      again.getOutputStream().write(("<14>Nov 27 10:00:01 h app: after " + marker + "\n")
          .getBytes(UTF_8));
      assertThat(again.getInputStream().read()).isEqualTo(-1);
    } catch (IOException reset) {
      // Closed before the write got through: just as good.
    }
    SyslogMetrics udp = listener("default").udpMetrics();
    long rejectedBefore = udp.rejectedCount();
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] data = ("<14>Nov 27 10:00:02 h app: after udp " + marker).getBytes(UTF_8);
      socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(),
          udpPort()));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> udp.rejectedCount() > rejectedBefore);
    Thread.sleep(1500);
    assertThat(total(marker)).isEqualTo(1);
  }

  @Test
  void anUnknownKeyIngestsNothing() throws Exception {
    pool.preparedQuery("DELETE FROM api_keys WHERE id = $1").execute(Tuple.of(keyId))
        .await().indefinitely();
    await().atMost(Duration.ofSeconds(10)).until(() -> listener("default").binding() == null);
    assertThat(listener("default").problem()).contains("unknown");
    SyslogMetrics udp = listener("default").udpMetrics();
    long rejectedBefore = udp.rejectedCount();
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] data = ("<14>Nov 27 10:00:02 h app: nobody's " + marker).getBytes(UTF_8);
      socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(),
          udpPort()));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> udp.rejectedCount() > rejectedBefore);
    Thread.sleep(1000);
    assertThat(total(marker)).isZero();
  }
}
