package io.strata.index;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;

/**
 * What turning an event into its Lucene document costs on the indexer thread, Lucene left out:
 * {@link EventNormalizer#normalize} into an {@link EventDocumentBuilder}, per event, over events
 * of the benchmark's service-log shape (ids, nested HTTP fields, a message), after a warm-up. Run:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.strata.index.NormalizeBenchmark
 * </pre>
 */
public final class NormalizeBenchmark {

  private static final int EVENTS = 10_000;
  private static final int ROUNDS = Integer.getInteger("rounds", 30);
  private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

  private NormalizeBenchmark() {}

  public static void main(String[] args) throws IOException {
    Random random = new Random(42);
    byte[][] events = new byte[EVENTS][];
    long start = Instant.parse("2026-12-07T00:00:00Z").toEpochMilli();
    for (int i = 0; i < EVENTS; i++) {
      StringBuilder b = new StringBuilder(400)
          .append("{\"@timestamp\":\"").append(Instant.ofEpochMilli(start + i * 8_640L))
          .append("\",\"level\":\"").append(LEVELS[random.nextInt(LEVELS.length)])
          .append("\",\"service\":\"service-").append(random.nextInt(50))
          .append("\",\"host\":\"node-").append(random.nextInt(200))
          .append("\",\"environment\":\"prod\",\"trace_id\":\"").append(hex(random, 32))
          .append("\",\"span_id\":\"").append(hex(random, 16))
          .append("\",\"request_id\":\"").append(new java.util.UUID(random.nextLong(),
              random.nextLong()))
          .append("\",\"user_id\":\"u").append(100_000 + random.nextInt(100_000)).append('"');
      if (i % 3 == 0) {
        b.append(",\"http\":{\"method\":\"").append(METHODS[random.nextInt(METHODS.length)])
            .append("\",\"path\":\"/api/v1/orders/").append(random.nextInt(99_999))
            .append("\",\"status\":").append(200 + random.nextInt(4) * 100).append('}')
            .append(",\"duration_ms\":").append(random.nextInt(2_000));
      }
      b.append(",\"message\":\"Order ").append(random.nextInt(1_000_000))
          .append(" placed by u").append(random.nextInt(100_000)).append(" in ")
          .append(random.nextInt(900)).append(" ms\"}");
      events[i] = b.toString().getBytes(UTF_8);
    }
    EventNormalizer normalizer = new EventNormalizer();
    EventDocumentBuilder builder = new EventDocumentBuilder(256);
    long fields = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long began = System.nanoTime();
      for (int i = 0; i < EVENTS; i++) {
        byte[] event = events[i];
        builder.begin(i, EventNormalizer.KIND_JSON, event, 0, event.length);
        normalizer.normalize(EventNormalizer.KIND_JSON, event, 0, event.length, start, builder);
        fields += builder.document().getFields().size();
      }
      long took = System.nanoTime() - began;
      if (round >= ROUNDS - 10) {
        System.out.printf("round %d: %.0f ns per event%n", round, took / (double) EVENTS);
      }
    }
    System.out.println("fields built: " + fields);
  }

  private static String hex(Random random, int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
