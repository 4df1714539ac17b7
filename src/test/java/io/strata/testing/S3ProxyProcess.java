package io.strata.testing;

import io.strata.embedded.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server, s3proxy with its filesystem storage, in a process of its own (its
 * cloud SDKs and logback stay out of the test's JVM), signing requests with AWS v2 or v4 and a
 * key of its own. It can be stopped and started again on the same port and data, as a bucket
 * that goes down and comes back.
 */
public final class S3ProxyProcess implements AutoCloseable {

  /** The access key id the server accepts. */
  public static final String ACCESS_KEY = "strata-test";

  private final Path dir;
  private final int port;
  private final String secret = UUID.randomUUID().toString();
  private final String logName;
  private Process process;

  private S3ProxyProcess(Path dir, int port, String logName) {
    this.dir = dir;
    this.port = port;
    this.logName = logName;
  }

  /** Starts a server keeping its buckets under {@code dir}, logging to {@code target/<logName>}. */
  public static S3ProxyProcess start(Path dir, String logName) throws IOException {
    S3ProxyProcess server = new S3ProxyProcess(dir, FreePorts.find(), logName);
    server.start();
    return server;
  }

  /** Starts the server (again), on its port and with its data. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    Path jar = Path.of(System.getProperty("test.strata.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the package phase copies it there");
    }
    Path data = Files.createDirectories(dir.resolve("buckets"));
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + secret,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data) + "\n");
    process = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
        "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", logName).toFile()))
        .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!listening()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy did not start; see target/" + logName);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while s3proxy started", e);
      }
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (its data stays): requests to it are refused until {@link #start()}. */
  public synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  /** The server's address. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The settings that point Strata at this server, with {@code bucket}. */
  public Map<String, String> strataConfig(String bucket) {
    return Map.of(
        "strata.s3.endpoint", endpoint().toString(),
        "strata.s3.bucket", bucket,
        "strata.s3.region", "us-east-1",
        "strata.s3.access-key", ACCESS_KEY,
        "strata.s3.secret-key", secret,
        "strata.s3.path-style", "true");
  }

  /** A client of the test's own, to look at what Strata put. */
  public S3Client client() {
    return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, secret)))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
