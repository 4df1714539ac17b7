package io.strata.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataServicesResource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What another account on the same machine can do to the embedded default, tried for real: read
 * the data directory (signing keys, secrets, indexes, the broker's log), connect to PostgreSQL, or
 * talk to the Kafka broker. Each must fail; the service's own credentials must work.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class LocalTrustIT {

  private static final Set<PosixFilePermission> OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Config config = ConfigProvider.getConfig();

  private Path dataDir() {
    return Path.of(config.getValue("strata.data-dir", String.class));
  }

  @Test
  void theDataDirectoryAndEverySecretInItArePrivate() throws IOException {
    // The directories guard everything below them, also files made later with a looser umask
    // (index segments, broker log segments, the Keycloak database).
    for (String dir : List.of("", "kafka", "postgres", "keycloak/home")) {
      assertThat(Files.getPosixFilePermissions(dataDir().resolve(dir))).as("/" + dir)
          .doesNotContainAnyElementsOf(OTHERS);
    }
    for (String file : List.of("kafka/client.password", "kafka/server.properties",
        "postgres.password", "keycloak/home/client-secret", "keycloak/home/admin-password")) {
      assertThat(Files.getPosixFilePermissions(dataDir().resolve(file))).as(file)
          .doesNotContainAnyElementsOf(OTHERS);
    }
  }

  @Test
  void theRealmIsNotLeftInAnImportFile() throws IOException {
    try (Stream<Path> paths = Files.walk(dataDir())) {
      assertThat(paths.filter(p -> p.getFileName().toString().endsWith("-realm.json")).toList())
          .isEmpty();
    }
  }

  @Test
  void anotherAccountCannotReadTheDataDirectory() throws Exception {
    assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "needs root and setpriv to act as another account");
    Path secret = dataDir().resolve("keycloak/home/client-secret");
    assertThat(secret).exists();
    // The same command reads a world-readable file, so a refusal below is the modes' doing.
    Path open = Files.createTempFile(Path.of("/tmp"), "strata-open-", ".txt");
    try {
      Files.writeString(open, "readable");
      Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(asNobody("cat", open.toString()).exitCode).isZero();
    } finally {
      Files.deleteIfExists(open);
    }
    for (Path target : List.of(secret, dataDir().resolve("kafka/client.password"),
        dataDir().resolve("postgres.password"), dataDir().resolve("postgres/pg_hba.conf"))) {
      Result read = asNobody("cat", target.toString());
      assertThat(read.exitCode).as(target.toString()).isNotZero();
      assertThat(read.output).as(target.toString()).contains("Permission denied");
    }
    assertThat(asNobody("ls", dataDir().toString()).exitCode).isNotZero();
  }

  @Test
  void postgresAsksEveryConnectionForThePassword() throws Exception {
    URI url = URI.create(config.getValue("quarkus.datasource.reactive.url", String.class));
    String jdbc = "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath();
    for (String user : List.of("postgres", "strata")) {
      Properties none = new Properties();
      none.setProperty("user", user);
      none.setProperty("password", "");
      assertThatThrownBy(() -> DriverManager.getConnection(jdbc, none).close())
          .as(user).isInstanceOf(SQLException.class);
      Properties wrong = new Properties();
      wrong.setProperty("user", user);
      wrong.setProperty("password", "guess");
      assertThatThrownBy(() -> DriverManager.getConnection(jdbc, wrong).close())
          .as(user).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }
    Properties own = new Properties();
    own.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
    own.setProperty("password", config.getValue("quarkus.datasource.password", String.class));
    try (var connection = DriverManager.getConnection(jdbc, own)) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void theBrokerServesOnlyItsOwnAccount() throws Exception {
    String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
    assertThatThrownBy(() -> listTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))
        .as("a client without credentials").isInstanceOf(Exception.class);
    String wrongJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " username=\"strata\" password=\"guess\";";
    assertThatThrownBy(() -> listTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", wrongJaas)))
        .as("a client with a guessed password").hasMessageContaining("Authentication failed");
    Set<String> topics = listTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        "security.protocol", config.getValue("kafka.security.protocol", String.class),
        "sasl.mechanism", config.getValue("kafka.sasl.mechanism", String.class),
        "sasl.jaas.config", config.getValue("kafka.sasl.jaas.config", String.class)));
    assertThat(topics).contains("strata-events");
  }

  private static Set<String> listTopics(Map<String, String> settings)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    Properties props = new Properties();
    props.putAll(settings);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(props)) {
      return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result asNobody(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534",
        "--regid=65534", "--clear-groups", "--"));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
