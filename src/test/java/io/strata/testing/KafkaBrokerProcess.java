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
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Kafka broker (the embedded one) in a process of its own, so that a test can make it
 * unavailable without losing its address: {@link #suspend()} freezes it (SIGSTOP) as a hung broker
 * or a partition would, {@link #resume()} lets it go on.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final String READY = "KAFKA-BROKER-READY ";

  private final Process process;
  private final String bootstrapServers;

  private KafkaBrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker with its data in {@code dir}, logging to {@code target/<logName>}. */
  public static KafkaBrokerProcess start(Path dir, String logName) throws IOException {
    Process process = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), KafkaBrokerProcess.class.getName(),
        dir.toString()))
        .redirectErrorStream(true).start();
    AtomicReference<String> bootstrap = new AtomicReference<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
              process.getInputStream(), StandardCharsets.UTF_8));
          var log = java.nio.file.Files.newBufferedWriter(Path.of("target", logName))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith(READY)) {
            bootstrap.set(line.substring(READY.length()).trim());
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
      return bootstrap.get() != null;
    });
    return new KafkaBrokerProcess(process, bootstrap.get());
  }

  public String bootstrapServers() {
    return bootstrapServers;
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
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
