package io.strata.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.logging.Logger;

/**
 * A real Keycloak server (the {@code keycloak-quarkus-dist} of Maven Central) with Strata's realm and
 * demo users, for the embedded default when no OIDC server is configured.
 *
 * <p>The distribution is fetched once into a cache directory and shared; each server runs from a home
 * of its own (its scripts and configuration copied, its libraries linked), so its database, realm
 * import and logs never meet another's.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

  /** The Keycloak release Strata is tested with. */
  public static final String VERSION = "26.7.3";
  /** The realm the project ships. */
  public static final String REALM = "strata";
  /** The OIDC client of the console and the API. */
  public static final String CLIENT_ID = "strata-console";

  private static final Logger LOG = Logger.getLogger(EmbeddedKeycloak.class);
  private static final String DIST_URL = "https://repo1.maven.org/maven2/org/keycloak/"
      + "keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final int port;
  private final String clientSecret;

  private EmbeddedKeycloak(Process process, int port, String clientSecret) {
    this.process = process;
    this.port = port;
    this.clientSecret = clientSecret;
  }

  /**
   * Starts Keycloak on {@code port} from {@code home} (created when missing), fetching the
   * distribution into {@code cache} on first use (how far on {@code progress}), and makes sure Strata's realm is there with
   * demo users whose password is {@code demoPassword} and a client that sends browsers back to
   * {@code publicUrl} only.
   */
  public static EmbeddedKeycloak start(Path cache, Consumer<String> progress, Path home, int port,
      String demoPassword, String publicUrl) throws IOException {
    long started = System.nanoTime();
    Path dist = distribution(cache, DIST_URL, progress);
    PrivateFiles.directory(home);
    prepareHome(dist, home);
    stopLeftover(home);
    String clientSecret = PrivateFiles.secret(home.resolve("client-secret"));
    String adminPassword = PrivateFiles.secret(home.resolve("admin-password"));
    // Older versions imported the realm from a file that held the client secret and the demo
    // password; the realm is now created through the admin API and no such file is written.
    Files.deleteIfExists(home.resolve("data/import/" + REALM + "-realm.json"));

    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port,
        // One issuer whether a token is asked for at localhost (browsers) or 127.0.0.1 (this
        // process): tokens are checked against it.
        "--hostname=" + publicUrl(port), "--hostname-backchannel-dynamic=true")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("keycloak.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    Process process = builder.start();
    Files.writeString(home.resolve("keycloak.pid"), Long.toString(process.pid()));
    EmbeddedKeycloak keycloak = new EmbeddedKeycloak(process, port, clientSecret);
    try {
      keycloak.awaitReady(home);
      String realm = realmJson().replace("@@DEMO_PASSWORD@@", jsonEscape(demoPassword))
          .replace("@@CLIENT_SECRET@@", clientSecret)
          .replace("@@PUBLIC_URL@@", jsonEscape(publicUrl));
      new KeycloakRealmSetup(keycloak.adminUrl(), adminPassword).apply(REALM, CLIENT_ID, realm);
    } catch (IOException | RuntimeException e) {
      keycloak.close();
      throw e;
    }
    LOG.infof("Embedded Keycloak %s ready on port %d in %d ms (realm %s; home %s)", VERSION, port,
        (System.nanoTime() - started) / 1_000_000, REALM, home);
    return keycloak;
  }

  /** Where this process reaches Keycloak's admin API and the master realm. */
  private String adminUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The URL this process reaches Strata's realm at, which is what {@code
   * quarkus.oidc.auth-server-url} takes; tokens name {@link #issuer()}.
   */
  public String realmUrl() {
    return "http://127.0.0.1:" + port + "/realms/" + REALM;
  }

  /** The issuer of the realm's tokens, also where browsers are sent to sign in. */
  public String issuer() {
    return publicUrl(port) + "/realms/" + REALM;
  }

  private static String publicUrl(int port) {
    return "http://localhost:" + port;
  }

  /** The secret of the {@link #CLIENT_ID} client, generated on first start and kept in the home. */
  public String clientSecret() {
    return clientSecret;
  }

  /**
   * The distribution's directory in {@code cache}; when missing, fetched from {@code url} (a zip,
   * with its SHA-1 beside it at {@code url + ".sha1"}), saying how far the download got on {@code
   * progress}.
   */
  static Path distribution(Path cache, String url, Consumer<String> progress) throws IOException {
    Path dist = cache.resolve("keycloak-" + VERSION);
    if (Files.isExecutable(dist.resolve("bin/kc.sh"))) {
      return dist;
    }
    Files.createDirectories(cache);
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30)).build();
    Path zip = Files.createTempFile(cache, "keycloak-", ".zip");
    Path unpacking = Files.createTempDirectory(cache, "unpacking-");
    try {
      String expected = send(http, url + ".sha1", HttpResponse.BodyHandlers.ofString()).trim()
          .split("\\s+")[0];
      download(http, url, zip, progress);
      String actual = sha1(zip);
      if (!actual.equalsIgnoreCase(expected)) {
        throw new IOException("Keycloak download is damaged: SHA-1 " + actual + ", expected " + expected);
      }
      unzip(zip, unpacking);
      for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
        Path file = unpacking.resolve("keycloak-" + VERSION + "/bin/" + script);
        if (Files.exists(file)) {
          file.toFile().setExecutable(true, false);
        }
      }
      // Another process may have won the race; then its copy is as good as ours.
      try {
        Files.move(unpacking.resolve("keycloak-" + VERSION), dist, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
          throw e;
        }
      }
      return dist;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching Keycloak", e);
    } finally {
      Files.deleteIfExists(zip);
      deleteTree(unpacking);
    }
  }

  /** Fetches {@code url} into {@code file}, a progress line at every tenth of its size. */
  private static void download(HttpClient http, String url, Path file, Consumer<String> progress)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(url + " answered " + response.statusCode());
      }
      long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      String what = "Fetching Keycloak " + VERSION + " (once, into " + file.getParent() + ")";
      progress.accept(size > 0
          ? String.format("%s: %d MB from %s", what, size / (1024 * 1024), URI.create(url).getHost())
          : what + " from " + URI.create(url).getHost());
      DownloadProgress counter = new DownloadProgress(what, size, progress, System.nanoTime());
      try (var out = Files.newOutputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          counter.received(n, System.nanoTime());
        }
      }
      counter.done(System.nanoTime());
    }
  }

  /**
   * A home of the server's own: scripts and configuration copied (so that {@code kc.sh} takes this
   * directory as Keycloak's home), libraries, providers and themes linked to the shared copy.
   */
  private static void prepareHome(Path dist, Path home) throws IOException {
    Files.createDirectories(home);
    for (String linked : List.of("lib", "providers", "themes")) {
      Path link = home.resolve(linked);
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, dist.resolve(linked).toAbsolutePath());
      }
    }
    for (String copied : List.of("bin", "conf")) {
      Path target = home.resolve(copied);
      if (!Files.exists(target)) {
        copyTree(dist.resolve(copied), target);
      }
    }
    Files.copy(dist.resolve("version.txt"), home.resolve("version.txt"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** A server left running by a process killed with -9 holds the port and the database. */
  private static void stopLeftover(Path home) throws IOException {
    Path pidFile = home.resolve("keycloak.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> leftover;
    try {
      leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (NumberFormatException e) {
      leftover = Optional.empty();
    }
    if (leftover.isPresent() && leftover.get().isAlive() && leftover.get().info().commandLine()
        .map(c -> c.contains(home.toString()) || c.contains("keycloak")).orElse(false)) {
      LOG.warnf("Stopping Keycloak left running by an earlier process (pid %d)", leftover.get().pid());
      stop(leftover.get());
    }
  }

  private void awaitReady(Path home) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // The master realm: Strata's own is created through the admin API once the server is up.
    URI discovery = URI.create(adminUrl() + "/realms/master/.well-known/openid-configuration");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Keycloak exited with status " + process.exitValue() + "; see "
            + home.resolve("keycloak.log"));
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery)
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Keycloak", e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Keycloak", e);
      }
    }
    throw new IOException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s; see "
        + home.resolve("keycloak.log"));
  }

  @Override
  public void close() {
    stop(process.toHandle());
  }

  private static void stop(ProcessHandle handle) {
    List<ProcessHandle> all = new java.util.ArrayList<>(handle.descendants().toList());
    all.add(handle);
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  /** The demo users of the realm file, in its order. */
  public static List<String> demoUsers() throws IOException {
    List<String> users = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(realmJson()).path("users")
        .forEach(user -> users.add(user.path("username").asText()));
    return List.copyOf(users);
  }

  private static String realmJson() throws IOException {
    try (InputStream in = EmbeddedKeycloak.class.getResourceAsStream("/keycloak/strata-realm.json")) {
      if (in == null) {
        throw new IOException("the realm file keycloak/strata-realm.json is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static <T> T send(HttpClient http, String url, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(10)).build(), handler);
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static String sha1(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("unexpected entry " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
