package io.strata.audit;

import io.strata.embedded.EmbeddedPostgres;
import io.strata.schema.JdbcTarget;
import io.strata.schema.SchemaMigrations;
import io.strata.security.Caller;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * How long verifying a chain of N audit events takes (the issue asks for 1M well under a minute):
 * a real PostgreSQL, the project's migrations, N chained events written with COPY, then {@link
 * AuditVerifier} over the whole chain. Run:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.strata.audit.AuditVerifyBenchmark \
 *   -Dexec.args=1000000
 * </pre>
 */
public final class AuditVerifyBenchmark {

  private AuditVerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("strata-audit-bench-");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"))) {
      URI url = URI.create(postgres.reactiveUrl());
      String jdbc = "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath();
      SchemaMigrations.migrate(new JdbcTarget(jdbc, Optional.of(EmbeddedPostgres.USER),
          Optional.of(postgres.password())));
      long written = System.nanoTime();
      write(jdbc, postgres.password(), events);
      System.out.printf("wrote %,d chained events in %.1f s%n", events,
          (System.nanoTime() - written) / 1e9);

      Vertx vertx = Vertx.vertx();
      PgPool pool = PgPool.pool(vertx, new PgConnectOptions().setHost(url.getHost())
              .setPort(url.getPort()).setDatabase(url.getPath().substring(1))
              .setUser(EmbeddedPostgres.USER).setPassword(postgres.password()),
          new PoolOptions().setMaxSize(4));
      AuditVerifier verifier = new AuditVerifier(new AuditReader(pool),
          new AuditCheckpoints(pool, null, null, null, null), null, null);
      for (int run = 1; run <= 2; run++) {
        long started = System.nanoTime();
        AuditVerification result = verifier.verify("bench", null, null);
        System.out.printf("run %d: verified %,d events in %.1f s, ok=%s%n", run,
            result.verifiedEvents(), (System.nanoTime() - started) / 1e9, result.ok());
      }
      pool.closeAndAwait();
      vertx.closeAndAwait();
    }
  }

  /** Writes a chain of {@code events} search events with COPY, hashed as the trail does. */
  private static void write(String jdbc, String password, int events) throws Exception {
    Caller caller = new Caller("bench", Caller.ActorType.API_KEY, "k_bench", "bench key",
        Set.of("search"), false, "127.0.0.1", "bench/1.0");
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    try (Connection connection = DriverManager.getConnection(jdbc, EmbeddedPostgres.USER, password)) {
      CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
      String prev = AuditHashing.GENESIS;
      StringBuilder batch = new StringBuilder();
      for (int i = 1; i <= events; i++) {
        AuditEntry entry = AuditEntry.success(caller, "search", null,
            Map.of("q", "service:checkout AND level:ERROR " + i, "from", "now-1h"));
        AuditRecord r = AuditTrail.link(entry, i, prev, start.plusMillis(i));
        prev = r.hash();
        batch.append(String.join("\t", r.chain(), Long.toString(r.seq()),
                r.time().atOffset(ZoneOffset.UTC).toString(), r.tenant(), r.actorType(),
                r.actorId(), r.actorName(), r.source(), r.userAgent(), r.action(), "\\N",
                AuditHashing.paramsJson(r.params()).replace("\\", "\\\\"), r.outcome(),
                Integer.toString(r.status()), r.prevHash(), r.hash()))
            .append('\n');
        if (i % 50_000 == 0 || i == events) {
          copy.copyIn("COPY audit_events (chain, seq, time, tenant, actor_type, actor_id,"
              + " actor_name, source, user_agent, action, target, params, outcome, status,"
              + " prev_hash, hash) FROM STDIN", new StringReader(batch.toString()));
          batch.setLength(0);
        }
      }
      try (var statement = connection.prepareStatement(
          "INSERT INTO audit_heads (chain, seq, hash) VALUES ('bench', ?, ?)")) {
        statement.setLong(1, events);
        statement.setString(2, prev);
        statement.executeUpdate();
      }
    }
  }
}
