package io.strata.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats {@code directory} on first use, then starts the broker on free loopback ports. */
  public static EmbeddedKafka start(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path logDir = directory.resolve("log");
    int brokerPort = FreePorts.find();
    int controllerPort = FreePorts.find();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(directory, props);
    }
    long started = System.nanoTime();
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    LOG.infof("Embedded Kafka broker ready at %s in %d ms (data in %s)", bootstrap,
        (System.nanoTime() - started) / 1_000_000, logDir);
    return new EmbeddedKafka(server, bootstrap);
  }

  private static void format(Path directory, Properties props) throws IOException {
    Path config = directory.resolve("server.properties");
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

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
