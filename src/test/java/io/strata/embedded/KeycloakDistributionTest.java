package io.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-time fetch of the Keycloak distribution, from a real HTTP server on loopback serving a
 * real zip laid out like Keycloak's (its scripts, and 3 MB of a library).
 */
class KeycloakDistributionTest {

  private static final String DIR = "keycloak-" + EmbeddedKeycloak.VERSION;

  @TempDir
  Path temp;

  private HttpServer server;
  private byte[] zip;

  @BeforeEach
  void serve() throws Exception {
    zip = zip(Map.of(DIR + "/bin/kc.sh", "#!/bin/sh\necho keycloak\n".getBytes(StandardCharsets.UTF_8),
        DIR + "/version.txt", EmbeddedKeycloak.VERSION.getBytes(StandardCharsets.UTF_8),
        DIR + "/lib/lib.jar", random(3 * 1024 * 1024)));
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(zip));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/dist.zip", exchange -> {
      exchange.sendResponseHeaders(200, zip.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(zip);
      }
    });
    server.createContext("/dist.zip.sha1", exchange -> answer(exchange, sha1 + "  dist.zip"));
    server.createContext("/damaged.zip", exchange -> {
      exchange.sendResponseHeaders(200, zip.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(zip);
      }
    });
    server.createContext("/damaged.zip.sha1", exchange -> answer(exchange, "0".repeat(40)));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void theFirstFetchSaysHowFarItGotAndUnpacksAnExecutableDistribution() throws IOException {
    List<String> progress = new ArrayList<>();
    Path cache = temp.resolve("cache");

    Path dist = EmbeddedKeycloak.distribution(cache, url("/dist.zip"), progress::add);

    assertThat(dist).isEqualTo(cache.resolve(DIR));
    assertThat(Files.isExecutable(dist.resolve("bin/kc.sh"))).isTrue();
    assertThat(progress.getFirst()).startsWith("Fetching Keycloak " + EmbeddedKeycloak.VERSION
        + " (once, into " + cache + "): 3 MB from 127.0.0.1");
    // On loopback the download is done within the two seconds before a line of progress.
    assertThat(progress.getLast()).matches("Fetching Keycloak .*: 3 MB received in \\d+ s");
    // Nothing left behind but the distribution.
    try (var files = Files.list(cache)) {
      assertThat(files.toList()).containsExactly(dist);
    }

    List<String> again = new ArrayList<>();
    assertThat(EmbeddedKeycloak.distribution(cache, url("/dist.zip"), again::add)).isEqualTo(dist);
    assertThat(again).as("fetched once").isEmpty();
  }

  @Test
  void aDamagedDownloadIsRefusedAndLeavesNothing() throws IOException {
    Path cache = temp.resolve("cache");
    assertThatThrownBy(() -> EmbeddedKeycloak.distribution(cache, url("/damaged.zip"), line -> { }))
        .isInstanceOf(IOException.class).hasMessageContaining("damaged");
    try (var files = Files.list(cache)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void theDemoUsersAreTheRealmFilesInItsOrder() throws IOException {
    assertThat(EmbeddedKeycloak.demoUsers()).containsExactly("alice", "bob", "carol", "olivia");
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(14).nextBytes(bytes);
    return bytes;
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
