package io.strata.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose cluster lives in a directory of ours, so
 * tenants and keys survive a restart.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The database Strata keeps its tables in. */
  public static final String DATABASE = "strata";

  /** The superuser created by initdb; the cluster trusts loopback connections only. */
  public static final String USER = "postgres";

  private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts the cluster in {@code directory}, creating it on first use. */
  public static EmbeddedPostgres start(Path directory) throws IOException {
    Files.createDirectories(directory);
    stopLeftoverPostmaster(directory);
    long started = System.nanoTime();
    var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setPort(FreePorts.find())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "100")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    createDatabase(server);
    LOG.infof("Embedded PostgreSQL ready on port %d in %d ms (data in %s)", server.getPort(),
        (System.nanoTime() - started) / 1_000_000, directory);
    return new EmbeddedPostgres(server);
  }

  /**
   * A process killed with -9 leaves its postmaster running with the data directory locked; the
   * next start must stop it first or PostgreSQL refuses the directory.
   */
  private static void stopLeftoverPostmaster(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
        : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
    if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
      return;
    }
    LOG.warnf("Stopping PostgreSQL left running by an earlier process (pid %d)", postmaster.get().pid());
    // SIGTERM is PostgreSQL's "smart" shutdown; the leftover has no clients once its JVM is gone.
    postmaster.get().destroy();
    try {
      postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      postmaster.get().destroyForcibly();
    }
  }

  private static void createDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server)
      throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IOException("could not create database " + DATABASE, e);
    }
  }

  /** The Vert.x reactive client URL of the Strata database. */
  public String reactiveUrl() {
    return "postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
