package io.strata.tenancy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.schema.SchemaMigrations;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Holds a connection of its own to PostgreSQL that listens on {@code strata_credentials}, where a
 * trigger on {@code api_keys} and {@code tenants} announces every change at commit (V20), and
 * empties {@link ApiKeyCache} on each. While the connection is down the cache is not trusted, so
 * every request reads its key from the database, as it would with no cache; it reconnects every
 * few seconds.
 *
 * <p>Note: its own connection rather than one borrowed from the pool, because a pool hands
 * notifications to no one and may close a connection it considers idle. It is opened from the
 * reactive URL, user and password; settings the pool takes from elsewhere (a custom trust store)
 * do not reach it, and a node that cannot open it simply does without the cache.
 */
@ApplicationScoped
class CredentialChangeListener {

  static final String CHANNEL = "strata_credentials";
  private static final Logger LOG = Logger.getLogger(CredentialChangeListener.class);
  private static final long RECONNECT_MILLIS = 5_000;

  private final Vertx vertx;
  private final ApiKeyCache cache;
  private final List<String> reactiveUrls;
  private final Optional<String> user;
  private final Optional<String> password;
  private volatile PgConnection connection;
  private volatile boolean stopped;
  private boolean warned;

  CredentialChangeListener(Vertx vertx, ApiKeyCache cache,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") List<String> reactiveUrls,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.cache = cache;
    this.reactiveUrls = reactiveUrls;
    this.user = user;
    this.password = password;
  }

  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
    if (cache.enabled()) {
      connect();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopped = true;
    cache.trust(false);
    PgConnection open = connection;
    if (open != null) {
      open.close();
    }
  }

  /** Whether changes are being heard now. */
  boolean listening() {
    return connection != null;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    PgConnectOptions options;
    try {
      options = options();
    } catch (RuntimeException e) {
      LOG.warnf("API keys are read from the database on every request: %s", e.getMessage());
      return;
    }
    PgConnection.connect(vertx, options).onSuccess(conn -> {
      conn.closeHandler(closed -> lost(conn));
      conn.notificationHandler(notification -> cache.invalidateAll());
      conn.query("LISTEN " + CHANNEL).execute().onSuccess(done -> {
        connection = conn;
        cache.trust(true);
        if (warned) {
          LOG.info("Listening for API key changes again; keys are cached");
          warned = false;
        }
      }).onFailure(failure -> {
        conn.close();
        retry(failure);
      });
    }).onFailure(this::retry);
  }

  private void lost(PgConnection conn) {
    if (connection != conn) {
      return; // it never listened: whatever closed it retries already
    }
    connection = null;
    retry(new IllegalStateException("the connection closed"));
  }

  private void retry(Throwable failure) {
    cache.trust(false);
    if (stopped) {
      return;
    }
    if (!warned) {
      LOG.warnf("Not listening for API key changes (%s); every request reads its key from the"
          + " database until this is back", failure.getMessage());
      warned = true;
    }
    vertx.setTimer(RECONNECT_MILLIS, id -> connect());
  }

  private PgConnectOptions options() {
    String url = reactiveUrls.getFirst().trim();
    if (url.startsWith("vertx-reactive:")) {
      url = url.substring("vertx-reactive:".length());
    }
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    // A connection that died silently would hear nothing: let TCP find out.
    options.setTcpKeepAlive(true);
    return options;
  }
}
