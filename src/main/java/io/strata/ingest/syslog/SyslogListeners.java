package io.strata.ingest.syslog;

import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.ingest.IngestService;
import io.strata.tenancy.ApiKeyIdentityProvider;
import io.strata.security.ApiKeyRequest;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts the configured syslog listeners with the application and stops them with it, and checks
 * each listener's API key on start and every {@link SyslogConfig#keyCheckInterval()} the same way a
 * request's key is checked ({@link ApiKeyIdentityProvider}), so a revoked or expired key stops the
 * listener's ingest. A key check that fails for another reason (the database is unreachable) keeps
 * the last answer.
 */
@ApplicationScoped
public class SyslogListeners {

  private static final Logger LOG = Logger.getLogger(SyslogListeners.class);

  /** The name of the listener configured at the root of {@code strata.syslog}. */
  static final String DEFAULT = "default";

  /** How long a stop waits for received events to reach Kafka. */
  private static final long DRAIN_MILLIS = 5000;

  private final SyslogConfig config;
  private final IngestService ingest;
  private final ApiKeyIdentityProvider identities;
  private final Vertx vertx;
  private final MeterRegistry registry;
  private final NodeRoles roles;
  private final Map<String, SyslogListener> listeners = new LinkedHashMap<>();
  private long timer = -1;

  SyslogListeners(SyslogConfig config, IngestService ingest, ApiKeyIdentityProvider identities,
      Vertx vertx, MeterRegistry registry, NodeRoles roles) {
    this.roles = roles;
    this.config = config;
    this.ingest = ingest;
    this.identities = identities;
    this.vertx = vertx;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) throws Exception {
    if (!roles.has(Role.INGEST)) {
      return; // syslog is ingest: a node without the role listens on no syslog port
    }
    Map<String, SyslogConfig.Listener> configured = new LinkedHashMap<>();
    configured.put(DEFAULT, config.defaults());
    config.listeners().forEach((name, listener) -> {
      if (name.equals(DEFAULT)) {
        throw new IllegalStateException("strata.syslog.listener.\"default\" is reserved for the"
            + " listener at the root of strata.syslog");
      }
      configured.put(name, listener);
    });
    for (Map.Entry<String, SyslogConfig.Listener> entry : configured.entrySet()) {
      String name = entry.getKey();
      SyslogConfig.Listener listener = entry.getValue();
      boolean hasPort = listener.tcpPort().isPresent() || listener.udpPort().isPresent();
      if (!hasPort && listener.apiKey().isEmpty()) {
        continue;
      }
      if (!hasPort || listener.apiKey().isEmpty() || listener.apiKey().get().isBlank()) {
        LOG.warnf("syslog listener '%s' is not started: it needs a port (tcp-port and/or udp-port)"
            + " and an api-key", name);
        continue;
      }
      ListenerSettings settings = ListenerSettings.of(name, listener, config.defaults());
      SyslogListener started = new SyslogListener(name, listener, settings, config, ingest, vertx,
          registry);
      started.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      listeners.put(name, started);
      LOG.infof("syslog listener '%s' listens on %s: tcp %s, udp %s; sources: %s%s", name,
          settings.host(),
          started.tcpPort() < 0 ? "off" : (started.isTls() ? "tls " : "") + started.tcpPort()
              + (listener.tls().clientCa().isPresent()
                  || listener.tls().clientTrustStore().isPresent() ? " (client certificates)" : ""),
          started.udpPort() < 0 ? "off" : started.udpPort(), settings.allowedSources(),
          settings.isLoopbackOnly() ? " (this host only: set its host, e.g. STRATA_SYSLOG_HOST="
              + "0.0.0.0, to take other hosts' senders)" : "");
    }
    if (!listeners.isEmpty()) {
      checkKeys();
      timer = vertx.setPeriodic(Math.max(100, config.keyCheckInterval().toMillis()),
          id -> checkKeys());
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (SyslogListener listener : listeners.values()) {
      try {
        listener.stop().toCompletionStage().toCompletableFuture()
            .get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.debugf("syslog listener '%s' did not stop cleanly: %s", listener.name(), e);
      }
    }
    long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
    for (SyslogListener listener : listeners.values()) {
      while (listener.unpublished() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      int lost = listener.unpublished();
      if (lost > 0) {
        LOG.warnf("syslog listener '%s' stopped with %d received events not acknowledged by Kafka",
            listener.name(), lost);
        listener.tcpMetrics().dropped(lost);
      }
    }
  }

  /** The running listener of that name ({@code default} for the root one). */
  Optional<SyslogListener> find(String name) {
    return Optional.ofNullable(listeners.get(name));
  }

  /** Checks every listener's key now. */
  void checkKeys() {
    for (SyslogListener listener : listeners.values()) {
      identities.authenticate(new ApiKeyRequest(listener.apiKey()), null).subscribe().with(
          identity -> resolved(listener, identity),
          failure -> {
            if (failure instanceof AuthenticationFailedException) {
              listener.bind(null, "its API key is unknown, revoked or expired");
            } else {
              LOG.warnf("syslog listener '%s': could not check its API key (%s); keeping the last"
                  + " answer", listener.name(), failure.toString());
            }
          });
    }
  }

  private static void resolved(SyslogListener listener, SecurityIdentity identity) {
    Object tenant = identity.getAttribute(CallerTenant.ATTRIBUTE);
    if (tenant == null) {
      listener.bind(null, "its key is not bound to a tenant (the operator key cannot ingest)");
    } else if (!identity.hasRole(Scopes.INGEST)) {
      listener.bind(null, "its API key lacks the 'ingest' scope");
    } else {
      listener.bind(new Binding(tenant.toString(), CallerTenant.eventsPerSecond(identity),
          CallerTenant.partitions(identity)), null);
    }
  }
}
