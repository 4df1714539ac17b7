package io.strata.schema;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the database schema is brought up to date. */
@ConfigMapping(prefix = "strata.schema")
public interface SchemaConfig {

  /**
   * Whether the node applies pending schema migrations ({@code src/main/resources/db/migration})
   * when it starts, before it serves anything ({@code STRATA_SCHEMA_MIGRATE_AT_START}). Nodes that
   * start together take turns: the first applies them, the others find nothing left to do. Switch
   * it off only when migrations are applied some other way; the application then expects the
   * schema to be current already.
   */
  @WithDefault("true")
  boolean migrateAtStart();

  /**
   * The JDBC URL migrations connect with ({@code STRATA_SCHEMA_JDBC_URL}), e.g. {@code
   * jdbc:postgresql://db:5432/strata?sslmode=verify-full&sslrootcert=/etc/strata/db-ca.crt}. By
   * default it is derived from {@code quarkus.datasource.reactive.url} (host, port, database, user,
   * {@code sslmode}, {@code application_name}, {@code search_path}, {@code options} of the URL);
   * set it when the JDBC driver needs more than that, such as TLS settings, which the two clients
   * configure differently (the {@code quarkus.datasource.reactive.*} TLS properties are not carried
   * over). The user and password are still those of {@code quarkus.datasource} when it sets them.
   */
  Optional<String> jdbcUrl();
}
