package io.strata.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

/**
 * A real single-node Apache Kafka broker in KRaft mode, running inside this JVM, with its log kept in a
 * directory so that a restart finds every record again.
 *
 * <p>Both listeners (clients and the KRaft controller) bind the loopback interface and require
 * SASL/PLAIN with a password generated on first start and kept in the directory (mode 0600): another
 * local account can reach the port but can neither read a tenant's records nor inject events. The
 * traffic itself is not encrypted; it never leaves the machine.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

  /** The only account of the embedded broker. */
  public static final String USER = "strata";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final String password;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String password) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.password = password;
  }

  /** Formats {@code directory} on first use, then starts the broker on free loopback ports. */
  public static EmbeddedKafka start(Path directory) throws IOException {
    PrivateFiles.directory(directory);
    Path logDir = directory.resolve("log");
    String password = PrivateFiles.secret(directory.resolve("client.password"));
    String jaas = serverJaas(password);
    int brokerPort = FreePorts.find();
    int controllerPort = FreePorts.find();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
    props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    // One account on both listeners: the broker talks to its own controller with it too.
    props.put("sasl.enabled.mechanisms", "PLAIN");
    props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas);
    props.put("listener.name.controller.plain.sasl.jaas.config", jaas);
    props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.put("log.dirs", logDir.toString());
    // A single broker: every internal topic must accept one replica, or consumers are never assigned.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // After a kill -9 the restarted broker waits for its old registration to time out before it
    // serves; alone with its own controller there is nothing to wait for.
    props.put("broker.session.timeout.ms", "2000");
    props.put("broker.heartbeat.interval.ms", "500");
    props.put("num.partitions", "4");
    props.put("auto.create.topics.enable", "true");
    props.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
    props.put("log.retention.hours", "168");
    props.put("log.segment.bytes", String.valueOf(256 * 1024 * 1024));
    // The cleaner compacts only the small internal topics here; its default 128 MB dedupe buffer
    // would be a tenth of the process's memory, taken from the application's heap.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(directory, props);
    }
    long started = System.nanoTime();
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    LOG.infof("Embedded Kafka broker ready at %s in %d ms (data in %s)", bootstrap,
        (System.nanoTime() - started) / 1_000_000, logDir);
    return new EmbeddedKafka(server, bootstrap, password);
  }

  /** The broker's side: its own login and the one account it accepts. */
  private static String serverJaas(String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
        + "\" password=\"" + password + "\" user_" + USER + "=\"" + password + "\";";
  }

  private static String jaas(String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
        + "\" password=\"" + password + "\";";
  }

  private static void format(Path directory, Properties props) throws IOException {
    // It holds the broker's password: private like the rest of the directory.
    Path config = PrivateFiles.file(directory.resolve("server.properties"));
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "written by Strata for the storage format step");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
        "--config", config.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (rc != 0) {
      throw new IOException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** The {@code host:port} clients connect to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The client settings that reach this broker, as Kafka client properties: {@code
   * bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}.
   */
  public Map<String, String> clientProperties() {
    return Map.of("bootstrap.servers", bootstrapServers,
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", jaas(password));
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
