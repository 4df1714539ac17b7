package io.strata.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Strata instance under test: the packaged app started as a child process with its own data
 * directory, port and operator key, or an instance already running.
 */
final class AppProcess implements AutoCloseable {

  /** What the app's log holds: counts of ERROR and WARN lines and the first distinct ones. */
  record LogSummary(int errors, int warnings, List<String> samples) {}

  private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (ERROR|SEVERE|FATAL|WARN|WARNING)\\s");

  final String url;
  /** Where health and metrics are served. */
  final String managementUrl;
  final String operatorKey;
  final long pid;
  final Path dataDir;
  private final Process process;
  private final Path log;

  private AppProcess(String url, String managementUrl, String operatorKey, long pid, Path dataDir,
      Process process, Path log) {
    this.url = url;
    this.managementUrl = managementUrl;
    this.operatorKey = operatorKey;
    this.pid = pid;
    this.dataDir = dataDir;
    this.process = process;
    this.log = log;
  }

  /** Uses an instance that is already running; {@code pid} and {@code dataDir} may be unknown. */
  static AppProcess attach(String url, String operatorKey, long pid, Path dataDir) {
    return new AppProcess(url, "http://127.0.0.1:9000", operatorKey, pid, dataDir, null, null);
  }

  /** Starts {@code java -jar jar} on a free port with a fresh data directory; logs to {@code log}. */
  static AppProcess start(Path jar, Path dataDir, String operatorKey, Path log, String heap)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: package the app first (./mvnw package -DskipTests)");
    }
    Files.createDirectories(dataDir);
    int port = freePort();
    int managementPort = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The same JVM flags as run.sh, plus STRATA_JAVA_OPTS (e.g. to record a JFR profile).
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--add-modules", "jdk.incubator.vector", "-XX:GCTimeRatio=4"));
    if (!BenchOptions.DEFAULT_HEAP.equals(heap)) {
      command.add("-Xmx" + heap);
    }
    String extra = System.getenv("STRATA_JAVA_OPTS");
    Path cache = aotCache(jar, extra);
    if (cache != null) {
      command.add("-XX:AOTCache=" + cache.toAbsolutePath());
    }
    if (extra != null && !extra.isBlank()) {
      command.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("STRATA_DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    env.put("STRATA_OPERATOR_KEY", operatorKey);
    // The benchmark uses API keys only: no Keycloak beside the measured process.
    env.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
    // The embedded services must start: nothing external may be configured through the environment.
    env.remove("KAFKA_BOOTSTRAP_SERVERS");
    env.remove("QUARKUS_DATASOURCE_REACTIVE_URL");
    Process process = builder.start();
    return new AppProcess("http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort,
        operatorKey, process.pid(), dataDir, process, log);
  }

  /**
   * The ahead-of-time cache that run.sh would start {@code jar} with ({@code app.aot} beside it,
   * made by scripts/aot-train.sh after the jar was built), or null: none, an older one, or
   * STRATA_JAVA_OPTS names a cache itself (a training run writes one).
   */
  static Path aotCache(Path jar, String javaOpts) throws IOException {
    Path cache = jar.resolveSibling("app.aot");
    if ((javaOpts != null && javaOpts.contains("-XX:AOTCache")) || !Files.isRegularFile(cache)
        || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) <= 0) {
      return null;
    }
    return cache;
  }

  boolean started() {
    return process != null;
  }

  boolean alive() {
    return process == null ? pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        : process.isAlive();
  }

  /** Waits until {@code /q/health/ready} answers 200; throws on timeout or when the app dies. */
  void awaitReady(StrataClient client, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new IOException("the app exited with " + (process == null ? "?" : process.exitValue())
            + " before it was ready; see " + log + "\n" + tail(40));
      }
      HttpResponse<String> response = client.get("/q/health/ready", null, Duration.ofSeconds(5));
      if (response != null && response.statusCode() == 200) {
        return;
      }
      if (response != null) {
        last = response.statusCode() + " " + response.body();
      }
      Thread.sleep(250);
    }
    throw new IOException("the app was not ready within " + timeout + " (last: " + last + ")\n" + tail(40));
  }

  /** VmHWM and VmRSS of the app process in bytes, or -1 each when unknown. */
  long[] memory() {
    return memory(pid);
  }

  /** VmHWM and VmRSS of process {@code pid} in bytes, or -1 each when unknown. */
  static long[] memory(long pid) {
    return statusBytes(pid, "VmHWM:", "VmRSS:");
  }

  /**
   * The sizes {@code fields} (such as {@code "VmRSS:"}) of {@code /proc/<pid>/status} in bytes, or
   * -1 each when unknown (the process is gone, or not on this machine).
   */
  static long[] statusBytes(long pid, String... fields) {
    long[] bytes = new long[fields.length];
    Arrays.fill(bytes, -1);
    if (pid <= 0) {
      return bytes;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        for (int i = 0; i < fields.length; i++) {
          if (line.startsWith(fields[i])) {
            bytes[i] = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone, or not on this machine.
    }
    return bytes;
  }

  /** ERROR and WARN lines of the child's log (nothing for an attached instance). */
  LogSummary logSummary() {
    int errors = 0;
    int warnings = 0;
    Set<String> samples = new LinkedHashSet<>();
    if (log == null || !Files.isRegularFile(log)) {
      return new LogSummary(0, 0, List.of());
    }
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher m = LEVEL.matcher(line);
        if (!m.find()) {
          continue;
        }
        if (!m.group(1).startsWith("WARN")) {
          errors++;
        } else {
          warnings++;
        }
        if (samples.size() < 15) {
          String text = line.substring(m.start(1));
          samples.add(text.length() > 240 ? text.substring(0, 240) + "..." : text);
        }
      }
    } catch (IOException | RuntimeException e) {
      samples.add("(log unreadable: " + e + ")");
    }
    return new LogSummary(errors, warnings, new ArrayList<>(samples));
  }

  /** The last {@code n} lines of the child's log. */
  String tail(int n) {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops a child process: SIGTERM, a bounded wait for its shutdown, then SIGKILL. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        System.err.println("The app did not stop within 90 s; killing it");
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
