package io.strata.testing;

import static org.awaitility.Awaitility.await;

import io.strata.embedded.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Kafka broker (the embedded one) in a process of its own, so that a test can make it
 * unavailable without losing its address: {@link #suspend()} freezes it (SIGSTOP) as a hung broker
 * or a partition would, {@link #resume()} lets it go on.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final String READY = "KAFKA-BROKER-READY ";

  private final Process process;
  private final Map<String, String> clientProperties;

  private KafkaBrokerProcess(Process process, Map<String, String> clientProperties) {
    this.process = process;
    this.clientProperties = clientProperties;
  }

  /** Starts a broker with its data in {@code dir}, logging to {@code target/<logName>}. */
  public static KafkaBrokerProcess start(Path dir, String logName) throws IOException {
    Process process = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), KafkaBrokerProcess.class.getName(),
        dir.toString()))
        .redirectErrorStream(true).start();
    AtomicReference<Map<String, String>> client = new AtomicReference<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
              process.getInputStream(), StandardCharsets.UTF_8));
          var log = java.nio.file.Files.newBufferedWriter(Path.of("target", logName))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith(READY)) {
            client.set(decode(line.substring(READY.length()).trim()));
            continue; // it carries the broker's password: not for the log
          }
          log.write(line);
          log.newLine();
          log.flush();
        }
      } catch (IOException e) {
        // The process ended.
      }
    }, "kafka-broker-log");
    pump.setDaemon(true);
    pump.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker exited; see target/" + logName);
      }
      return client.get() != null;
    });
    return new KafkaBrokerProcess(process, client.get());
  }

  /**
   * The environment that points the application at this broker: {@code KAFKA_BOOTSTRAP_SERVERS} and
   * its SASL credentials.
   */
  public Map<String, String> clientEnvironment() {
    Map<String, String> env = new java.util.HashMap<>();
    clientProperties.forEach((name, value) ->
        env.put("KAFKA_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
    return env;
  }

  private static String encode(Map<String, String> properties) {
    java.util.Properties props = new java.util.Properties();
    props.putAll(properties);
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      props.store(out, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return java.util.Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> decode(String encoded) {
    java.util.Properties props = new java.util.Properties();
    try {
      props.load(new java.io.StringReader(
          new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> map = new java.util.HashMap<>();
    props.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }

  /** Freezes the broker: connections stay open, nothing is answered. */
  public void suspend() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a frozen broker go on. */
  public void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill " + signal + " failed");
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      resume();
      process.destroy();
      process.waitFor();
    }
  }

  /** The broker process: starts, prints its address, and runs until it is ended. */
  public static void main(String[] args) throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    System.out.println(READY + encode(kafka.clientProperties()));
    System.out.flush();
    Thread.currentThread().join();
  }
}
