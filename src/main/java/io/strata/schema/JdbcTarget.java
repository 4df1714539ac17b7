package io.strata.schema;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database the application's reactive client is configured for, as the PostgreSQL JDBC driver
 * (which migrations run on) must be told: its URL and the user and password to sign in with.
 *
 * @param url a {@code jdbc:postgresql:} URL without credentials
 * @param user the user, when one is known
 * @param password the password, when one is known
 */
public record JdbcTarget(String url, Optional<String> user, Optional<String> password) {

  // The forms the Vert.x PostgreSQL client accepts: postgresql:// or postgres://, optional
  // user[:password]@, host or [IPv6], :port, /database, ?parameters.
  private static final Pattern REACTIVE = Pattern.compile(
      "postgres(?:ql)?://(?:(?<userinfo>[^@/?]*)@)?(?<host>\\[[^\\]]*]|[^:/?]*)"
          + "(?::(?<port>\\d+))?(?:/(?<database>[^?]*))?(?:\\?(?<params>.*))?");

  private static final String PREFIX = "vertx-reactive:";

  /**
   * The target of the reactive client URL {@code reactiveUrl} ({@code postgresql://...}, {@code
   * postgres://...}, optionally prefixed {@code vertx-reactive:}), signing in as {@code user} with
   * {@code password} when given, else as the URL says.
   *
   * <p>The connection parameters the reactive client passes to the server are kept, under their
   * JDBC names: {@code sslmode}, {@code application_name} ({@code ApplicationName}), {@code
   * search_path} ({@code currentSchema}) and {@code options}. The others are settings of the
   * reactive client itself and have no JDBC counterpart.
   *
   * @throws IllegalArgumentException when the URL is not one of those forms, names no database or
   *     a Unix socket
   */
  public static JdbcTarget fromReactive(String reactiveUrl, Optional<String> user,
      Optional<String> password) {
    String trimmed = reactiveUrl.trim();
    Matcher m = REACTIVE.matcher(
        trimmed.startsWith(PREFIX) ? trimmed.substring(PREFIX.length()) : trimmed);
    if (!m.matches()) {
      // The URL may hold a password: never repeat it.
      throw new IllegalArgumentException(
          "quarkus.datasource.reactive.url is not a postgresql:// URL");
    }
    Parts parts = new Parts();
    parts.host = decode(m.group("host"));
    parts.port = m.group("port");
    parts.database = decode(m.group("database"));
    if (m.group("userinfo") != null) {
      String[] userinfo = m.group("userinfo").split(":", 2);
      parts.user = decode(userinfo[0]);
      parts.password = userinfo.length > 1 ? decode(userinfo[1]) : null;
    }
    if (m.group("params") != null) {
      parts.readParams(m.group("params"));
    }
    return new JdbcTarget(parts.jdbcUrl(), user.or(() -> nonEmpty(parts.user)),
        password.or(() -> nonEmpty(parts.password)));
  }

  @Override
  public String toString() {
    // Records print every component; the password must never reach a log.
    return "JdbcTarget[url=" + url + ", user=" + user.orElse("(none)") + "]";
  }

  /** What the reactive URL says, parameters taking precedence over the parts before them. */
  private static final class Parts {
    String host;
    String port;
    String database;
    String user;
    String password;
    String fallbackApplicationName;
    final Map<String, String> jdbcParams = new LinkedHashMap<>();

    void readParams(String query) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (decode(eq < 0 ? pair : pair.substring(0, eq))) {
          case "host", "hostaddr" -> host = value;
          case "port" -> port = value;
          case "dbname" -> database = value;
          case "user" -> user = value;
          case "password" -> password = value;
          case "sslmode" -> jdbcParams.put("sslmode", value);
          case "application_name" -> jdbcParams.put("ApplicationName", value);
          case "fallback_application_name" -> fallbackApplicationName = value;
          case "search_path" -> jdbcParams.put("currentSchema", value);
          case "options" -> jdbcParams.put("options", value);
          default -> { }
        }
      }
    }

    String jdbcUrl() {
      if (database == null || database.isEmpty()) {
        // The two clients would pick different defaults (Vert.x "db", JDBC the user's name):
        // migrating a database the application does not use would go unnoticed.
        throw new IllegalArgumentException("quarkus.datasource.reactive.url names no database");
      }
      if (fallbackApplicationName != null) {
        jdbcParams.putIfAbsent("ApplicationName", fallbackApplicationName);
      }
      StringBuilder url = new StringBuilder("jdbc:postgresql://").append(jdbcHost())
          .append(':').append(port == null || port.isEmpty() ? "5432" : port)
          .append('/').append(encode(database));
      String separator = "?";
      for (Map.Entry<String, String> param : jdbcParams.entrySet()) {
        url.append(separator).append(param.getKey()).append('=').append(encode(param.getValue()));
        separator = "&";
      }
      return url.toString();
    }

    private String jdbcHost() {
      if (host == null || host.isEmpty()) {
        return "localhost";
      }
      if (host.startsWith("/")) {
        throw new IllegalArgumentException("quarkus.datasource.reactive.url names a Unix socket,"
            + " which the JDBC driver cannot use: set strata.schema.jdbc-url");
      }
      return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static String decode(String value) {
    // As the reactive client decodes every part ('+' included): the same database, the same user.
    return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    // The JDBC driver decodes the database name and parameter values the same way.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
