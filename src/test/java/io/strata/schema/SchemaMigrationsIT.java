package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The migrations against a real PostgreSQL (the embedded one), each test in a database of its
 * own: from an empty database, from the schema the versions before migrations left, run twice, and
 * run by several nodes at once.
 */
class SchemaMigrationsIT {

  private static final String TABLES = "('tenants', 'api_keys', 'saved_searches')";

  // The three tables' columns, constraints and indexes, in the form of hibernate-schema.txt.
  private static final String CATALOG = """
      SELECT 'column|' || table_name || '|' || ordinal_position || '|' || column_name || '|'
             || data_type || '|' || coalesce(character_maximum_length::text, '') || '|'
             || coalesce(datetime_precision::text, '') || '|' || is_nullable || '|'
             || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN %1$s
      UNION ALL
      SELECT 'constraint|' || conrelid::regclass::text || '|' || conname || '|'
             || contype::text || '|' || pg_get_constraintdef(oid)
        FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text IN %1$s
      UNION ALL
      SELECT 'index|' || tablename || '|' || indexname || '|' || indexdef
        FROM pg_indexes WHERE schemaname = 'public' AND tablename IN %1$s
      """.formatted(TABLES);

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  /** A row of Flyway's history table. */
  record Applied(String version, String description, String type, boolean success) {}

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start(
        Files.createTempDirectory("strata-schema-it-").resolve("postgres"));
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void anEmptyDatabaseGetsEveryMigration() throws Exception {
    JdbcTarget db = newDatabase();

    MigrateResult result = SchemaMigrations.migrate(db);

    assertThat(result.success).isTrue();
    assertThat(result.initialSchemaVersion).isNull();
    List<Applied> history = history(db);
    assertThat(history.getFirst()).isEqualTo(new Applied("1", "baseline", "SQL", true));
    assertThat(history).allMatch(Applied::success);
    assertThat(result.migrationsExecuted).isEqualTo(history.size()).isEqualTo(available());
    assertThat(pending(db)).isZero();
    assertThat(tables(db))
        .contains("tenants", "api_keys", "saved_searches", "flyway_schema_history");
    assertTheApplicationsStatementsWork(db);
  }

  @Test
  void versionOneIsTheSchemaHibernateCreated() throws SQLException, IOException {
    JdbcTarget db = newDatabase();

    SchemaMigrations.configuration(db).target("1").load().migrate();

    List<String> expected = new ArrayList<>(resource("hibernate-schema.txt").lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList());
    List<String> actual = new ArrayList<>(query(db, CATALOG));
    expected.sort(null);
    actual.sort(null);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void aDatabaseOfThePreviousVersionIsBaselinedUntouched() throws Exception {
    JdbcTarget db = newDatabase();
    // What a version before migrations left: Hibernate's tables (exactly V1, as the test above
    // shows) holding data, and no migration history.
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute(resource("/db/migration/V1__baseline.sql"));
    }
    insertTenantKeyAndSearch(db, "acme", "key-1", "a".repeat(64), "errors");
    List<String> before = query(db, CATALOG);

    MigrateResult result = SchemaMigrations.migrate(db);

    assertThat(result.success).isTrue();
    List<Applied> history = history(db);
    assertThat(history.getFirst()).isEqualTo(new Applied(
        "1", "schema created by Hibernate before migrations", "BASELINE", true));
    // V1 itself never ran: it would have failed on the existing tables.
    assertThat(history).filteredOn(applied -> applied.type().equals("SQL"))
        .extracting(Applied::version).doesNotContain("1");
    assertThat(result.migrationsExecuted).isEqualTo(available() - 1);
    assertThat(pending(db)).isZero();
    if (available() == 1) {
      assertThat(query(db, CATALOG)).containsExactlyInAnyOrderElementsOf(before);
    }
    assertThat(query(db, "SELECT t.name || '|' || k.hash || '|' || s.q FROM tenants t"
        + " JOIN api_keys k ON k.tenant_id = t.id JOIN saved_searches s ON s.tenant_id = t.id"))
        .containsExactly("Acme|" + "a".repeat(64) + "|level:ERROR");
    assertTheApplicationsStatementsWork(db);

    assertThat(SchemaMigrations.migrate(db).migrationsExecuted).isZero();
    assertThat(history(db)).isEqualTo(history);
  }

  @Test
  void migratingTwiceChangesNothing() throws SQLException {
    JdbcTarget db = newDatabase();
    MigrateResult first = SchemaMigrations.migrate(db);
    List<Applied> history = history(db);
    List<String> schema = query(db, CATALOG);

    MigrateResult second = SchemaMigrations.migrate(db);

    assertThat(second.success).isTrue();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(second.initialSchemaVersion).isEqualTo(first.targetSchemaVersion);
    assertThat(history(db)).isEqualTo(history);
    assertThat(query(db, CATALOG)).containsExactlyInAnyOrderElementsOf(schema);
  }

  // Repeated: without the lock around the whole run, nodes finding the database empty together
  // raced to create Flyway's history table, and one failed to start.
  @RepeatedTest(5)
  void nodesStartingTogetherApplyEachMigrationOnce() throws Exception {
    JdbcTarget db = newDatabase();
    int nodes = 4;
    CountDownLatch ready = new CountDownLatch(nodes);
    List<Callable<MigrateResult>> starts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      starts.add(() -> {
        ready.countDown();
        ready.await();
        return SchemaMigrations.migrate(db);
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    int executed = 0;
    try {
      for (Future<MigrateResult> start : pool.invokeAll(starts, 2, TimeUnit.MINUTES)) {
        MigrateResult result = start.get();
        assertThat(result.success).isTrue();
        executed += result.migrationsExecuted;
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(executed).isEqualTo(available());
    List<Applied> history = history(db);
    assertThat(history).hasSize(available()).allMatch(Applied::success);
    assertThat(history).extracting(Applied::version).doesNotHaveDuplicates();
  }

  /**
   * What the application does with the tables: Hibernate's inserts (every column) and the lookups
   * it runs as SQL (ApiKeyIdentityProvider, TokenIdentityAugmentor, ActiveKeys), and the
   * constraints it relies on to refuse duplicates.
   */
  private static void assertTheApplicationsStatementsWork(JdbcTarget db) throws SQLException {
    String hash = "f".repeat(64);
    insertTenantKeyAndSearch(db, "initech", "key-2", hash, "slow requests");
    try (Connection c = connect(db)) {
      try (PreparedStatement lookup = c.prepareStatement("SELECT k.id, k.tenant_id, k.scopes,"
          + " k.expires_at, t.max_events_per_second, (k.revoked_at IS NOT NULL OR"
          + " (k.expires_at IS NOT NULL AND k.expires_at <= now())) AS inactive"
          + " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.hash = ?")) {
        lookup.setString(1, hash);
        try (ResultSet rs = lookup.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("tenant_id")).isEqualTo("initech");
          assertThat(rs.getInt("max_events_per_second")).isEqualTo(500);
          assertThat(rs.getBoolean("inactive")).isFalse();
        }
      }
      try (PreparedStatement states = c.prepareStatement("SELECT id, revoked_at IS NOT NULL"
          + " AS revoked, (expires_at IS NOT NULL AND expires_at <= now()) AS expired"
          + " FROM api_keys WHERE id = ANY(?)")) {
        states.setArray(1, c.createArrayOf("varchar", new String[] {"key-2", "gone"}));
        try (ResultSet rs = states.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("id")).isEqualTo("key-2");
          assertThat(rs.next()).isFalse();
        }
      }
      assertThat(query(db, "SELECT max_events_per_second FROM tenants WHERE id = 'initech'"))
          .containsExactly("500");
    }
    assertThatThrownBy(() -> insertTenantKeyAndSearch(db, "other", "key-3", hash, "x"))
        .isInstanceOf(SQLException.class).hasMessageContaining("ukrfl8q61qspklqskd72ml9amgt");
    assertThatThrownBy(() -> insertSearch(db, "initech", "slow requests"))
        .isInstanceOf(SQLException.class).hasMessageContaining("saved_searches_tenant_name");
  }

  private static void insertTenantKeyAndSearch(JdbcTarget db, String tenant, String keyId,
      String hash, String searchName) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = connect(db)) {
      c.setAutoCommit(false);
      try (PreparedStatement t = c.prepareStatement("INSERT INTO tenants"
          + " (created_at, max_events_per_second, name, id) VALUES (?, ?, ?, ?)");
          PreparedStatement k = c.prepareStatement("INSERT INTO api_keys (created_at,"
              + " expires_at, hash, name, revoked_at, scopes, tenant_id, id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        t.setTimestamp(1, now);
        t.setInt(2, 500);
        t.setString(3, tenant.substring(0, 1).toUpperCase() + tenant.substring(1));
        t.setString(4, tenant);
        t.executeUpdate();
        k.setTimestamp(1, now);
        k.setTimestamp(2, Timestamp.from(Instant.now().plusSeconds(3600)));
        k.setString(3, hash);
        k.setString(4, "checkout-service");
        k.setTimestamp(5, null);
        k.setString(6, "ingest,search");
        k.setString(7, tenant);
        k.setString(8, keyId);
        k.executeUpdate();
        c.commit();
      }
    }
    insertSearch(db, tenant, searchName);
  }

  private static void insertSearch(JdbcTarget db, String tenant, String name)
      throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = connect(db);
        PreparedStatement s = c.prepareStatement("INSERT INTO saved_searches (columns,"
            + " created_at, created_by, range_from, name, q, tenant_id, range_to, updated_at, id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, "[\"service\",\"message\"]");
      s.setTimestamp(2, now);
      s.setString(3, "key-1");
      s.setString(4, "now-24h");
      s.setString(5, name);
      s.setString(6, "level:ERROR");
      s.setString(7, tenant);
      s.setString(8, "now");
      s.setTimestamp(9, now);
      s.setString(10, java.util.UUID.randomUUID().toString());
      s.executeUpdate();
    }
  }

  /** A new, empty database on the test server, reached the way the application derives it. */
  private static JdbcTarget newDatabase() throws SQLException {
    String name = "schema_it_" + DATABASES.incrementAndGet();
    try (Connection c = connect(target(EmbeddedPostgres.DATABASE));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return target(name);
  }

  private static JdbcTarget target(String database) {
    String reactiveUrl = postgres.reactiveUrl()
        .replaceFirst("/" + EmbeddedPostgres.DATABASE + "$", "/" + database);
    return JdbcTarget.fromReactive(reactiveUrl, Optional.of(EmbeddedPostgres.USER),
        Optional.of(postgres.password()));
  }

  private static Connection connect(JdbcTarget db) throws SQLException {
    return DriverManager.getConnection(db.url(), db.user().orElseThrow(),
        db.password().orElseThrow());
  }

  private static List<Applied> history(JdbcTarget db) throws SQLException {
    List<Applied> history = new ArrayList<>();
    try (Connection c = connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, type, success"
            + " FROM flyway_schema_history ORDER BY installed_rank")) {
      while (rs.next()) {
        history.add(new Applied(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getBoolean(4)));
      }
    }
    return history;
  }

  private static List<String> tables(JdbcTarget db) throws SQLException {
    return query(db, "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public'");
  }

  /** The first column of every row, as text. */
  private static List<String> query(JdbcTarget db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** How many migrations the application has: all are pending on an empty database. */
  private static int available() throws SQLException {
    return pending(newDatabase());
  }

  private static int pending(JdbcTarget db) {
    return SchemaMigrations.configuration(db).load().info().pending().length;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SchemaMigrationsIT.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
