package io.strata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Settings shared by every feature of a Strata node. */
@ConfigMapping(prefix = "strata")
public interface StrataConfig {

  /** The demo users' password when {@code STRATA_DEMO_PASSWORD} does not say. */
  String DEFAULT_DEMO_PASSWORD = "strata-demo";

  /**
   * What this node does ({@code STRATA_ROLES}): a comma-separated list of {@code ingest}, {@code
   * index}, {@code search}, {@code console} and {@code jobs}; unset, all of them.
   */
  Optional<String> roles();

  /**
   * This node's name in the cluster ({@code STRATA_NODE_ID}, default the host name): unique per
   * node and the same across its restarts (it is also its Kafka static-membership id).
   */
  String nodeId();

  /**
   * The address other Strata nodes reach this node's HTTP API at ({@code STRATA_NODE_URL}; default
   * {@code http://localhost:<quarkus.http.port>}, enough for nodes on one machine).
   */
  Optional<String> nodeUrl();

  /** Where indexes, the embedded broker's log and the embedded database live ({@code STRATA_DATA_DIR}). */
  @WithDefault("data")
  Path dataDir();

  /**
   * The address users reach Strata at, scheme, host and port, e.g. {@code https://logs.example.com}
   * ({@code STRATA_PUBLIC_URL}; default {@code http://localhost:<port>}). The console's sign-in and
   * sign-out redirects and every {@code Location} header are built from it, never from a request's
   * {@code Host}; the console refuses requests addressed to another host.
   */
  URI publicUrl();

  /**
   * The platform operator's credential ({@code STRATA_OPERATOR_KEY}). When unset, one is generated on
   * first start and kept in {@code <data-dir>/operator.key}.
   */
  Optional<String> operatorKey();

  /**
   * Tenants created on start when missing ({@code STRATA_DEMO_TENANTS}); the embedded default sets
   * {@code acme,globex}, the tenants of its demo users.
   */
  Optional<List<String>> demoTenants();

  /**
   * The embedded Keycloak's demo users, named in the last line of the start-up log; set by the
   * embedded default when it starts Keycloak, absent with a Keycloak of one's own.
   */
  Optional<List<String>> demoUsers();

  /** The password of the embedded Keycloak's demo users ({@code STRATA_DEMO_PASSWORD}). */
  @WithDefault(DEFAULT_DEMO_PASSWORD)
  String demoPassword();

  /** The port of the embedded Keycloak ({@code STRATA_KEYCLOAK_PORT}). */
  @WithDefault("8180")
  int keycloakPort();

  /**
   * Where the embedded Keycloak's distribution is kept once fetched ({@code
   * STRATA_KEYCLOAK_CACHE_DIR}); default {@code <data-dir>/keycloak}.
   */
  Optional<Path> keycloakCacheDir();
}
