package io.strata.ingest.syslog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.strata.ingest.IngestConfig;
import io.strata.ingest.IngestService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One configured syslog listener: a TCP (or TLS) server and a UDP socket whose events all go to the
 * tenant its API key is bound to. While the key is unknown, revoked or expired ({@link
 * #bind(Binding, String)} with {@code null}) new connections are closed, open ones are closed, and
 * datagrams are counted as rejected.
 *
 * <p>A new connection is closed at once ({@link Refusals}) when its source is not allowed, when the
 * listener holds {@code max-connections} or its source {@code max-connections-per-source}; an open
 * one when it idles or trickles a frame ({@link TcpConnection}).
 */
final class SyslogListener {

  private static final Logger LOG = Logger.getLogger(SyslogListener.class);

  private final String name;
  private final SyslogConfig.Listener config;
  private final ListenerSettings settings;
  private final SyslogConfig syslogConfig;
  private final IngestService ingest;
  private final Vertx vertx;
  private final ZoneId zone;
  private final int maxMessageBytes;
  private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
  private final SyslogMetrics tcpMetrics;
  private final SyslogMetrics udpMetrics;
  private final Refusals refusals;
  private final SourceConnections sources;
  private volatile Binding binding;
  private volatile String problem = "the API key was not checked yet";
  private volatile NetServer tcp;
  private volatile DatagramSocket udp;
  private volatile UdpReceiver udpReceiver;
  private Context udpContext;

  SyslogListener(String name, SyslogConfig.Listener config, ListenerSettings settings,
      SyslogConfig syslogConfig, IngestService ingest, Vertx vertx, MeterRegistry registry) {
    this.name = name;
    this.config = config;
    this.settings = settings;
    this.syslogConfig = syslogConfig;
    this.ingest = ingest;
    this.vertx = vertx;
    this.zone = ZoneId.of(config.timeZone());
    this.maxMessageBytes = (int) Math.min(syslogConfig.maxMessageBytes().asLongValue(),
        ingest.config().maxEventBytes().asLongValue());
    this.tcpMetrics = new SyslogMetrics(registry, name, isTls() ? "tls" : "tcp");
    this.udpMetrics = new SyslogMetrics(registry, name, "udp");
    this.refusals = new Refusals(registry, name);
    this.sources = new SourceConnections(settings.maxConnectionsPerSource());
    Gauge.builder("strata.syslog.connections", connections, Set::size)
        .description("Open syslog TCP connections").tag("listener", name).register(registry);
  }

  /** Binds the TCP server and the UDP socket of the ports configured. */
  Future<Void> start() {
    List<Future<?>> started = new ArrayList<>();
    if (config.tcpPort().isPresent()) {
      NetServerOptions options = new NetServerOptions().setHost(settings.host())
          .setPort(config.tcpPort().getAsInt()).setTcpKeepAlive(true);
      tls(options);
      tcp = vertx.createNetServer(options);
      tcp.connectHandler(this::accept);
      if (isTls()) {
        // Called for failures before a connection is handed over: here, failed TLS handshakes.
        tcp.exceptionHandler(e -> refusals.connection(Refusals.Reason.TLS,
            "a TLS client (" + e.getMessage() + ")"));
      }
      started.add(tcp.listen());
    }
    if (config.udpPort().isPresent()) {
      // The socket must be made on the context its receiver runs on: handlers run where it was made.
      udpContext = vertx.getOrCreateContext();
      Promise<Void> bound = Promise.promise();
      udpContext.runOnContext(v -> {
        udp = vertx.createDatagramSocket(new DatagramSocketOptions()
            .setReceiveBufferSize(4 * 1024 * 1024));
        udpReceiver = new UdpReceiver(this, vertx, udpContext, udpMetrics);
        udp.handler(udpReceiver::packet);
        udp.listen(config.udpPort().getAsInt(), settings.host()).<Void>mapEmpty()
            .onComplete(bound);
      });
      started.add(bound.future());
    }
    return Future.all(started).mapEmpty();
  }

  /**
   * Takes a new connection, or closes it at once. With TLS this runs after the handshake, which
   * {@link NetServerOptions#setSslHandshakeTimeout} bounds.
   */
  private void accept(NetSocket socket) {
    String source = TcpConnection.peerHost(socket);
    Refusals.Reason refusal = null;
    if (binding == null) {
      refusal = Refusals.Reason.KEY;
    } else if (!settings.allowedSources().allows(source)) {
      refusal = Refusals.Reason.NOT_ALLOWED;
    } else if (connections.size() >= syslogConfig.maxConnections()) {
      refusal = Refusals.Reason.LISTENER_LIMIT;
    } else if (!sources.tryOpen(source)) {
      refusal = Refusals.Reason.SOURCE_LIMIT;
    }
    if (refusal != null) {
      refusals.connection(refusal, source);
      socket.close();
      return;
    }
    TcpConnection connection = new TcpConnection(this, socket, vertx, Vertx.currentContext(),
        tcpMetrics);
    connections.add(connection);
    connection.start();
  }

  private void tls(NetServerOptions options) {
    SyslogConfig.Tls tls = config.tls();
    if (tls.certificate().isPresent() || tls.key().isPresent()) {
      if (tls.certificate().isEmpty() || tls.key().isEmpty()) {
        throw new IllegalStateException("syslog listener '" + name + "': TLS needs both"
            + " tls.certificate and tls.key (PEM files)");
      }
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certificate().get().toString())
          .setKeyPath(tls.key().get().toString()));
    } else if (tls.keyStore().isPresent()) {
      Path store = tls.keyStore().get();
      options.setSsl(true).setKeyCertOptions(new KeyStoreOptions().setType(storeType(store))
          .setPath(store.toString()).setPassword(tls.keyStorePassword().orElse("")));
    }
    if (tls.clientCa().isPresent() || tls.clientTrustStore().isPresent()) {
      if (!options.isSsl()) {
        throw new IllegalStateException("syslog listener '" + name + "': tls.client-ca and"
            + " tls.client-trust-store need the listener's own certificate (tls.certificate and"
            + " tls.key, or tls.key-store)");
      }
      if (tls.clientCa().isPresent()) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCa().get().toString()));
      } else {
        Path store = tls.clientTrustStore().get();
        options.setTrustOptions(new KeyStoreOptions().setType(storeType(store))
            .setPath(store.toString()).setPassword(tls.clientTrustStorePassword().orElse("")));
      }
      options.setClientAuth(ClientAuth.REQUIRED);
    }
    if (options.isSsl()) {
      // A handshake is work done before the source is checked: keep a stalled one short.
      long handshakeMillis = Math.min(10_000, settings.frameTimeout().toMillis());
      options.setSslHandshakeTimeout(Math.max(1, handshakeMillis))
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }
  }

  private static String storeType(Path store) {
    return store.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
  }

  /** Whether a datagram from {@code source} may be taken; logs the ones that may not. */
  boolean allowsDatagram(String source) {
    if (settings.allowedSources().allows(source)) {
      return true;
    }
    refusals.datagram(Refusals.Reason.NOT_ALLOWED, source);
    return false;
  }

  boolean isTls() {
    SyslogConfig.Tls tls = config.tls();
    return tls.certificate().isPresent() || tls.keyStore().isPresent();
  }

  /**
   * Sets what the key resolved to, or {@code null} with the reason when it is not valid (then every
   * open connection is closed).
   */
  void bind(Binding resolved, String reason) {
    Binding previous = binding;
    binding = resolved;
    if (resolved != null) {
      problem = null;
      if (!resolved.equals(previous)) {
        LOG.infof("syslog listener '%s' takes events for tenant %s (tcp %s, udp %s)", name,
            resolved.tenant(), tcpPort() < 0 ? "off" : (isTls() ? "tls " : "") + tcpPort(),
            udpPort() < 0 ? "off" : udpPort());
      }
      return;
    }
    boolean changed = previous != null || !reason.equals(problem);
    problem = reason;
    if (changed) {
      LOG.warnf("syslog listener '%s' takes no events: %s", name, reason);
    }
    for (TcpConnection connection : connections) {
      connection.close();
    }
  }

  /** Publishes a batch through the same limits and Kafka acknowledgement as the native API. */
  Uni<Void> publish(SyslogBatcher.Batch batch) {
    if (binding == null) {
      return Uni.createFrom().failure(new SyslogBatcher.DropBatchException(
          "the listener's API key is no longer valid (" + problem + ")"));
    }
    Binding target = batch.binding();
    ingest.admit(target.tenant(), target.eventsPerSecond());
    return ingest.publish(target.tenant(), target.eventsPerSecond(), target.partitions(),
        batch.records(),
        batch.events(), 0);
  }

  /**
   * Stops taking connections and datagrams and closes the open connections, whose batches are
   * still published (see {@link #unpublished()}); completes when the UDP socket's batches are.
   */
  Future<Void> stop() {
    List<Future<?>> stopped = new ArrayList<>();
    if (tcp != null) {
      stopped.add(tcp.close());
    }
    for (TcpConnection connection : connections) {
      connection.close();
    }
    if (udp != null) {
      Promise<Void> drained = Promise.promise();
      udpContext.runOnContext(v -> {
        udp.handler(null);
        udp.close();
        udpReceiver.close(drained::tryComplete);
      });
      stopped.add(drained.future());
    }
    return Future.join(stopped).mapEmpty();
  }

  /** The connection's socket closed: its source may open another. */
  void closed(TcpConnection connection) {
    sources.closed(connection.peerHost());
  }

  /** The connection's batches are published: it no longer counts against max-connections. */
  void removed(TcpConnection connection) {
    connections.remove(connection);
  }

  /** Events received but not yet acknowledged by Kafka, over all connections and the socket. */
  int unpublished() {
    int n = udpReceiver == null ? 0 : udpReceiver.unpublished();
    for (TcpConnection connection : connections) {
      n += connection.unpublished();
    }
    return n;
  }

  String name() {
    return name;
  }

  Binding binding() {
    return binding;
  }

  /** Why the listener takes no events, or {@code null} while it does. */
  String problem() {
    return problem;
  }

  String apiKey() {
    return config.apiKey().orElseThrow();
  }

  int tcpPort() {
    return tcp == null ? -1 : tcp.actualPort();
  }

  int udpPort() {
    return udp == null || udp.localAddress() == null ? -1 : udp.localAddress().port();
  }

  int openConnections() {
    return connections.size();
  }

  /** Open connections from {@code source}. */
  int openConnections(String source) {
    return sources.open(source);
  }

  ListenerSettings settings() {
    return settings;
  }

  Refusals refusals() {
    return refusals;
  }

  SyslogMetrics tcpMetrics() {
    return tcpMetrics;
  }

  SyslogMetrics udpMetrics() {
    return udpMetrics;
  }

  ZoneId zone() {
    return zone;
  }

  int maxMessageBytes() {
    return maxMessageBytes;
  }

  IngestConfig ingestConfig() {
    return ingest.config();
  }

  SyslogConfig syslogConfig() {
    return syslogConfig;
  }
}
