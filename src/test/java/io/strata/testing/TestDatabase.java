package io.strata.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A JDBC connection to the PostgreSQL database of the application under test, for what a test must
 * see or do behind the API's back (as an operator at a SQL prompt, or another node, would).
 */
public final class TestDatabase {

  private TestDatabase() {}

  /** Opens a connection with the application's own credentials; the caller closes it. */
  public static Connection connect() throws SQLException {
    Config config = ConfigProvider.getConfig();
    URI url = URI.create(config.getValue("quarkus.datasource.reactive.url", String.class));
    return DriverManager.getConnection("jdbc:postgresql://" + url.getHost() + ":" + url.getPort()
            + url.getPath(), config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }
}
