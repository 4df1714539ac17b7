package io.strata.schema;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Brings the database schema up to date when the node starts, then checks that the entities match
 * it. The migrations are the versioned SQL files of {@code src/main/resources/db/migration},
 * applied with Flyway over JDBC (the application itself talks to PostgreSQL through the reactive
 * client).
 *
 * <p>A database made by a version from before migrations (Hibernate created its tables) holds
 * exactly the schema of {@code V1__baseline.sql}; it is recorded as being at version 1, untouched,
 * and only later migrations run on it.
 */
@ApplicationScoped
public class SchemaMigrations {

  /**
   * Before every other start-up observer that may reach the database or let traffic in: the event
   * topic (100), the messaging channels (1000), the demo tenants and the syslog listeners (2500).
   * The HTTP server opens only after all of them.
   */
  public static final int PRIORITY = 10;

  static final String LOCATION = "classpath:db/migration";

  /** The advisory lock (of the database) that Strata nodes take in turn to migrate. */
  static final long LOCK_KEY = 0x5374_7261_7461_0001L;

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

  private final SchemaConfig config;
  private final List<String> reactiveUrls;
  private final Optional<String> user;
  private final Optional<String> password;
  private final Mutiny.SessionFactory sessionFactory;

  SchemaMigrations(SchemaConfig config,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") List<String> reactiveUrls,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      Mutiny.SessionFactory sessionFactory) {
    this.config = config;
    this.reactiveUrls = reactiveUrls;
    this.user = user;
    this.password = password;
    this.sessionFactory = sessionFactory;
  }

  void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
    if (config.migrateAtStart()) {
      migrate(target());
    } else {
      LOG.info("Schema migrations at start are off (strata.schema.migrate-at-start=false)");
    }
    // Hibernate's "validate" strategy, run here because Quarkus would run it when the persistence
    // unit starts, before this observer: on an empty database it would fail every first start.
    // (The cache is the public way from the reactive session factory to Hibernate's.)
    sessionFactory.getCache().getSessionFactory().getSchemaManager().validateMappedObjects();
  }

  /** The database of the application's datasource, as the JDBC driver reaches it. */
  JdbcTarget target() {
    if (config.jdbcUrl().isPresent()) {
      return new JdbcTarget(config.jdbcUrl().get().trim(), user, password);
    }
    // Several URLs are servers of one database the reactive client spreads connections over.
    return JdbcTarget.fromReactive(reactiveUrls.getFirst(), user, password);
  }

  /**
   * Applies the pending migrations to {@code target}, recording a database that has tables but no
   * migration history as being at version 1. Nodes may run it at the same moment: they take turns
   * under a PostgreSQL advisory lock, so each migration runs once.
   */
  public static MigrateResult migrate(JdbcTarget target) {
    Flyway flyway = configuration(target).load();
    MigrateResult result;
    // Flyway takes an advisory lock of its own for each migration, but looks at the database
    // before it: two nodes finding it empty would both create the history table, and one would
    // then fail to baseline the other's. The lock is the session's, released when it ends.
    try (Connection session = flyway.getConfiguration().getDataSource().getConnection();
        Statement lock = session.createStatement()) {
      lock.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      result = flyway.migrate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not take the schema migration lock of "
          + target.url(), e);
    }
    if (result.migrationsExecuted > 0) {
      LOG.infof("Database schema migrated from version %s to %s (%d migrations)",
          describe(result.initialSchemaVersion), result.targetSchemaVersion,
          result.migrationsExecuted);
    } else {
      LOG.infof("Database schema is at version %s", describe(result.initialSchemaVersion));
    }
    return result;
  }

  /** How Strata runs Flyway on {@code target}. */
  static FluentConfiguration configuration(JdbcTarget target) {
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(target.url(), target.user().orElse(null), target.password().orElse(null))
        .locations(LOCATION)
        // No migrations found would mean a broken package, not an empty schema.
        .failOnMissingLocations(true)
        .baselineOnMigrate(true)
        .baselineVersion("1")
        .baselineDescription("schema created by Hibernate before migrations");
  }

  private static String describe(String version) {
    return version == null ? "(empty)" : version;
  }
}
