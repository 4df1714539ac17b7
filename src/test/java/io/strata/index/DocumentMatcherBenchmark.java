package io.strata.index;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.pipeline.EventNormalizer;
import io.strata.search.TestEventQueries;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.Query;

/**
 * What choosing an event's retention stream costs: 20 selectors of the usual shapes over generated
 * service logs, built by the real normaliser and document builder; {@link
 * DocumentMatcher#firstMatch} timed per event after a warm-up, with the bytes it allocates, both on
 * the document just built (as the indexer will call it) and over prebuilt documents. Run:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.strata.index.DocumentMatcherBenchmark
 * </pre>
 */
public final class DocumentMatcherBenchmark {

  private static final long NOW = 1_714_557_600_000L;
  private static final int DOCUMENTS = 2_000;
  private static final int ROUND = 200_000;

  /** In priority order; two read the message, so some events are tokenized. */
  private static final List<String> SELECTORS = List.of(
      "service:payments OR stream:audit",
      "level:ERROR AND service:checkout",
      "level:FATAL",
      "host:web-1*",
      "http.status:>=500",
      "service:auth AND level:WARN",
      "environment:staging",
      "service:search AND host:search-*",
      "timeout",
      "user.id:admin-*",
      "service:(billing OR invoices)",
      "level:DEBUG AND environment:prod",
      "http.method:DELETE",
      "service:notifications -level:INFO",
      "duration_ms:>2000",
      "region:ap-southeast-2",
      "tags:pii",
      "\"connection refused\"",
      "service:inventory AND http.status:[400 TO 499]",
      "host:batch-* AND level:ERROR");

  private static final String[] SERVICES = {"payments", "checkout", "cart", "auth", "search",
      "billing", "invoices", "inventory", "notifications", "gateway", "users", "orders",
      "shipping", "recommendations", "analytics", "frontend"};
  private static final String[] HOSTS = {"web-", "api-", "batch-", "search-"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-southeast-2"};
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};

  private DocumentMatcherBenchmark() {}

  public static void main(String[] args) throws Exception {
    Random random = new Random(42);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      events.add(event(random).getBytes(UTF_8));
    }
    StandardAnalyzer analyzer = new StandardAnalyzer();
    List<Query> queries = new ArrayList<>();
    for (String selector : SELECTORS) {
      queries.add(TestEventQueries.parse(selector, NOW));
    }
    // Every message read: a message word first. Then every message tokenized, the worst case: a
    // regular expression on the message first, which no substring search can rule out.
    List<Query> wordFirst = new ArrayList<>(queries);
    wordFirst.addFirst(wordFirst.remove(8));
    List<Query> patternFirst = new ArrayList<>(queries);
    patternFirst.remove(8);
    patternFirst.addFirst(TestEventQueries.parse("message:/time.*/", NOW));
    Map<String, List<Query>> variants = new LinkedHashMap<>();
    variants.put("20 selectors in the order listed", queries);
    variants.put("the same, the message word first (every message read)", wordFirst);
    variants.put("the same, message:/time.*/ first instead (every message tokenized)",
        patternFirst);
    List<Document> prebuilt = documents(events);
    for (Map.Entry<String, List<Query>> variant : variants.entrySet()) {
      DocumentMatcher matcher = DocumentMatcher.compile(variant.getValue(), analyzer);
      System.out.println(variant.getKey() + ":");
      onTheIndexingPath(matcher, events);
      cycled(matcher, prebuilt);
    }
  }

  /**
   * As on the indexing path: each event normalised into the builder's document, then matched while
   * the document is fresh in the cache. The matching cost is the difference with building alone,
   * rounds of both alternating so that a busy machine weighs on both alike.
   */
  private static void onTheIndexingPath(DocumentMatcher matcher, List<byte[]> events)
      throws Exception {
    DocumentMatcher.Evaluation evaluation = matcher.newEvaluation();
    EventNormalizer normalizer = new EventNormalizer();
    EventDocumentBuilder builder = new EventDocumentBuilder(256);
    long sink = 0;
    for (int warmUp = 0; warmUp < 10; warmUp++) {
      sink += buildRound(normalizer, builder, events, matcher, evaluation);
      sink += buildRound(normalizer, builder, events, null, evaluation);
    }
    int rounds = 10;
    double[] both = new double[rounds];
    double[] buildOnly = new double[rounds];
    long allocated = allocatedBytes();
    for (int r = 0; r < rounds; r++) {
      long started = System.nanoTime();
      sink += buildRound(normalizer, builder, events, matcher, evaluation);
      both[r] = (System.nanoTime() - started) / (double) ROUND;
    }
    allocated = allocatedBytes() - allocated;
    for (int r = 0; r < rounds; r++) {
      long started = System.nanoTime();
      sink += buildRound(normalizer, builder, events, null, evaluation);
      buildOnly[r] = (System.nanoTime() - started) / (double) ROUND;
    }
    long allocatedBuilding = allocatedBytes();
    sink += buildRound(normalizer, builder, events, null, evaluation);
    allocatedBuilding = allocatedBytes() - allocatedBuilding;
    System.out.printf("  on the indexing path: %.0f ns/event to match (median build+match %.0f"
            + " - median build %.0f); build+match allocates %.1f bytes/event, build alone %.1f"
            + "  [%d]%n", median(both) - median(buildOnly), median(both), median(buildOnly),
        allocated / (double) (rounds * ROUND), allocatedBuilding / (double) ROUND, sink & 1);
  }

  private static long buildRound(EventNormalizer normalizer, EventDocumentBuilder builder,
      List<byte[]> events, DocumentMatcher matcher, DocumentMatcher.Evaluation evaluation)
      throws Exception {
    long sum = 0;
    int size = events.size();
    for (int i = 0; i < ROUND; i++) {
      byte[] event = events.get(i % size);
      builder.begin(i, EventNormalizer.KIND_JSON, event, 0, event.length);
      normalizer.normalize(EventNormalizer.KIND_JSON, event, 0, event.length, NOW, builder);
      sum += matcher == null ? builder.timestampMillis()
          : matcher.firstMatch(builder.document(), evaluation);
    }
    return sum;
  }

  /**
   * Matching alone, over documents built beforehand and cycled: pessimistic, since thousands of
   * documents do not stay in the CPU cache as the one just built does.
   */
  private static void cycled(DocumentMatcher matcher, List<Document> documents) {
    DocumentMatcher.Evaluation evaluation = matcher.newEvaluation();
    int[] hits = new int[matcher.size() + 1];
    for (Document document : documents) {
      hits[matcher.firstMatch(document, evaluation) + 1]++;
    }
    long sink = 0;
    for (int warmUp = 0; warmUp < 10; warmUp++) {
      sink += round(matcher, evaluation, documents);
    }
    double[] nanosPerEvent = new double[10];
    long allocated = allocatedBytes();
    for (int r = 0; r < nanosPerEvent.length; r++) {
      long started = System.nanoTime();
      sink += round(matcher, evaluation, documents);
      nanosPerEvent[r] = (System.nanoTime() - started) / (double) ROUND;
    }
    allocated = allocatedBytes() - allocated;
    System.out.printf("  cycling %,d prebuilt documents: %.0f ns/event median (%.0f-%.0f over %d"
            + " rounds of %,d); %.2f bytes allocated/event%n", documents.size(),
        median(nanosPerEvent), nanosPerEvent[0], nanosPerEvent[nanosPerEvent.length - 1],
        nanosPerEvent.length, ROUND, allocated / (double) (nanosPerEvent.length * ROUND));
    System.out.printf("  first match per selector: none %d, %s  [%d]%n", hits[0],
        Arrays.toString(Arrays.copyOfRange(hits, 1, hits.length)), sink & 1);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    return values[values.length / 2];
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static long round(DocumentMatcher matcher, DocumentMatcher.Evaluation evaluation,
      List<Document> documents) {
    long sum = 0;
    int size = documents.size();
    for (int i = 0; i < ROUND; i++) {
      sum += matcher.firstMatch(documents.get(i % size), evaluation);
    }
    return sum;
  }

  /** The documents of {@code events}, each its own, as the builder reuses one. */
  private static List<Document> documents(List<byte[]> events) throws Exception {
    EventNormalizer normalizer = new EventNormalizer();
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      byte[] event = events.get(i);
      EventDocumentBuilder builder = new EventDocumentBuilder(256);
      builder.begin(i, EventNormalizer.KIND_JSON, event, 0, event.length);
      normalizer.normalize(EventNormalizer.KIND_JSON, event, 0, event.length, NOW, builder);
      documents.add(builder.document());
    }
    return documents;
  }

  /** A service log event of the usual shape, some fields only now and then. */
  private static String event(Random random) {
    int roll = random.nextInt(1000);
    String level = roll < 5 ? "FATAL" : roll < 60 ? "ERROR" : roll < 160 ? "WARN"
        : roll < 260 ? "DEBUG" : "INFO";
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String host = HOSTS[random.nextInt(HOSTS.length)] + (1 + random.nextInt(24));
    int status = switch (random.nextInt(20)) {
      case 0 -> 500 + random.nextInt(4);
      case 1, 2 -> 400 + random.nextInt(30);
      default -> 200;
    };
    int millis = random.nextInt(random.nextInt(10) == 0 ? 5000 : 300);
    String message = switch (random.nextInt(8)) {
      case 0 -> "GET /api/v1/orders/" + random.nextInt(100_000) + " returned " + status + " in "
          + millis + " ms";
      case 1 -> "User u-" + random.nextInt(5000) + " logged in from 10.0." + random.nextInt(256)
          + "." + random.nextInt(256);
      case 2 -> "Payment " + Long.toHexString(random.nextLong()) + " authorized for "
          + random.nextInt(500) + ".99 EUR";
      case 3 -> "Cache miss for key product:" + random.nextInt(100_000);
      case 4 -> random.nextInt(4) == 0 ? "Connection refused to db-" + random.nextInt(4) + ":5432"
          : "Connected to db-" + random.nextInt(4) + ":5432 in " + millis + " ms";
      case 5 -> random.nextInt(4) == 0 ? "Timeout after " + millis + " ms calling " + service
          : "Called " + service + " in " + millis + " ms";
      case 6 -> "Processed batch " + random.nextInt(10_000) + " with " + random.nextInt(500)
          + " records";
      default -> "Slow query took " + millis + " ms: SELECT * FROM orders WHERE id = ?";
    };
    StringBuilder json = new StringBuilder(512)
        .append("{\"@timestamp\":\"2024-05-01T10:").append(10 + random.nextInt(50))
        .append(":00.").append(100 + random.nextInt(900)).append("Z\"")
        .append(",\"level\":\"").append(level).append('"')
        .append(",\"service\":\"").append(service).append('"')
        .append(",\"host\":\"").append(host).append('"')
        .append(",\"environment\":\"")
        .append(random.nextInt(10) < 8 ? "prod" : random.nextBoolean() ? "staging" : "dev")
        .append('"')
        .append(",\"message\":\"").append(message).append('"')
        .append(",\"trace_id\":\"").append(hex(random, 32)).append('"')
        .append(",\"span_id\":\"").append(hex(random, 16)).append('"')
        .append(",\"http\":{\"method\":\"").append(METHODS[random.nextInt(METHODS.length)])
        .append("\",\"status\":").append(status).append('}')
        .append(",\"duration_ms\":").append(millis)
        .append(",\"region\":\"").append(REGIONS[random.nextInt(REGIONS.length)]).append('"');
    if (random.nextInt(4) == 0) {
      json.append(",\"user\":{\"id\":\"").append(random.nextInt(20) == 0 ? "admin-" : "u-")
          .append(random.nextInt(5000)).append("\"}");
    }
    if (random.nextInt(50) == 0) {
      json.append(",\"stream\":\"audit\"");
    }
    if (random.nextInt(5) == 0) {
      json.append(",\"tags\":[\"beta\"").append(random.nextInt(10) == 0 ? ",\"pii\"" : "")
          .append(']');
    }
    return json.append('}').toString();
  }

  private static String hex(Random random, int digits) {
    StringBuilder hex = new StringBuilder(digits);
    while (hex.length() < digits) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }
}
