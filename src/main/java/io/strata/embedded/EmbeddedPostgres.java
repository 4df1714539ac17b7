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
 *
 * <p>The cluster listens on loopback only and asks every connection, local socket or TCP, for the
 * superuser's password (SCRAM-SHA-256), generated on first start and kept beside the cluster (mode
 * 0600). A cluster made by an older version with "trust" authentication is given the password and
 * switched over on its next start.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The database Strata keeps its tables in. */
  public static final String DATABASE = "strata";

  /** The superuser created by initdb, the only account. */
  public static final String USER = "postgres";

  private static final String HBA = """
      # Written by Strata: every connection proves the password; nothing is trusted.
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final String password;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      String password) {
    this.server = server;
    this.password = password;
  }

  /** Starts the cluster in {@code directory}, creating it on first use. */
  public static EmbeddedPostgres start(Path directory) throws IOException {
    PrivateFiles.directory(directory);
    stopLeftoverPostmaster(directory);
    long started = System.nanoTime();
    // Outside the cluster's directory: initdb wants that one empty.
    Path passwordFile = directory.resolveSibling(directory.getFileName() + ".password");
    String password = PrivateFiles.secret(passwordFile);
    boolean[] trusting = {false};
    var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setPort(FreePorts.find())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "100")
        .setServerConfig("password_encryption", "scram-sha-256")
        // zonky passes these to initdb as --name=value after its own "-A trust", which they
        // override: a new cluster never trusts anyone, not even while it starts.
        .setLocaleConfig("auth", "scram-sha-256")
        .setLocaleConfig("pwfile", passwordFile.toString())
        .setConnectConfig("password", password)
        .setDataDirectoryCustomizer(dir -> trusting[0] = trusts(dir.toPath()))
        .setPGStartupWait(Duration.ofSeconds(60))
        // Stopped by EmbeddedServices after the application's own shutdown, which still writes
        // (the last index commit's audit, platform.stop); zonky's hook would stop it meanwhile.
        .setRegisterShutdownHook(false)
        .start();
    if (trusting[0]) {
      requirePassword(server, directory, password);
    }
    createDatabase(server);
    LOG.infof("Embedded PostgreSQL ready on port %d in %d ms (data in %s)", server.getPort(),
        (System.nanoTime() - started) / 1_000_000, directory);
    return new EmbeddedPostgres(server, password);
  }

  /** Whether the cluster's host-based authentication trusts some connections (older versions did). */
  private static boolean trusts(Path cluster) {
    try {
      return Files.readAllLines(cluster.resolve("pg_hba.conf"), StandardCharsets.UTF_8).stream()
          .map(String::trim)
          .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\s*$"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Gives the superuser its password, then makes every connection prove it. */
  private static void requirePassword(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path cluster, String password) throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
      Files.writeString(cluster.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
      LOG.info("Embedded PostgreSQL now asks every connection for the password");
    } catch (SQLException e) {
      throw new IOException("could not set the PostgreSQL password", e);
    }
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

  /** The superuser's password. */
  public String password() {
    return password;
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
