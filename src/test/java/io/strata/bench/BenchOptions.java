package io.strata.bench;

import java.nio.file.Path;

/** The benchmark's command line. */
record BenchOptions(long events, int clients, int batch, long seed, String url, String operatorKey,
    long pid, Path dataDir, Path target, Path jar, String appHeap, int timeoutMinutes, int searchRuns,
    int searchWarmup, int limit, int directThreads, boolean skipDirect, boolean skipApp, int probes, boolean help,
    java.util.List<Path> logs, int searchClients, int throughputSeconds, int retentionStreams, int parsingRules, int alertRules,
    int alertSeconds, boolean retentionUnmatched, int cluster, int evictedDayRounds, long warmupEvents) {

  /** {@code --app-heap} when not given: no {@code -Xmx}, the JVM's default, as {@code run.sh}. */
  static final String DEFAULT_HEAP = "default";


  static final String USAGE = """
      Strata benchmark: HTTP ingest -> Kafka -> Lucene -> search, against a direct Lucene baseline.

        --events N          events to send (default 1000000)
        --warmup-events N   before the measured load, send the first N of its events to a tenant of
                            their own and wait until they are indexed, so that the figures are of a
                            JIT-compiled server rather than one warming up (default 0: cold)
        --clients C         concurrent HTTP senders (default 4)
        --batch B           events per ingest request (default 1000)
        --seed S            seed of the event generator (default 42)
        --search-runs R     timed runs per search query (default 50)
        --search-warmup W   untimed runs per query before, so that a warm server is timed
                            (default 200)
        --limit L           page size of the timed searches (default 100)
        --search-clients C  concurrent clients of the search throughput stage (default 4)
        --throughput-seconds S  length of the search throughput stage; 0 skips it (default 20)
        --retention-streams N  give the benchmark tenant a retention policy of N streams (selectors
                            over service, level, environment, host) before ingest (default 0)
        --retention-unmatched  the streams' selectors name values no event has (same shapes): every
                            event tries all of them and stays in one class, which measures the
                            selectors alone, without the split into per-class indexes
        --parsing-rules N   give the benchmark tenant N parsing rules (at most 100), one per busy
                            service, each extracting fields from its messages, before ingest
                            (default 0)
        --alert-rules N     after the searches, create N alert rules (at most 1000) evaluated every
                            minute and measure their CPU against as long idle (default 0: skip)
        --alert-seconds S   length of each of the two alerting windows (default 180)
        --probes P          freshness probes: single events timed from ack to searchable (default 5)
        --logs PATH[,PATH]  send the lines of real log files under these paths, each once, instead of
                            generated events (--events is then ignored): a file of any name (NDJSON
                            or plain lines), or a directory's *.log, *_logs, *.ndjson, *.jsonl files
        --direct-threads T  threads of the direct Lucene baseline (default 2, as the app's indexer)
        --skip-direct       leave out the direct Lucene baseline
        --skip-app          leave out the application (only the direct baseline; with
                            --parsing-rules, the direct baseline without and with the rules)
        --app-heap SIZE     -Xmx of the app started by the benchmark (default: none, as run.sh;
                            the JVM then allows a quarter of the machine's memory)
        --jar PATH          the packaged app (default <target>/quarkus-app/quarkus-run.jar)
        --target DIR        the build directory (default: system property bench.target, else target)
        --timeout-minutes M give up after M minutes in all (default 20)
        --cluster N         run N nodes (every role each) with scripts/cluster.sh instead of one
                            process: clients spread over the nodes, the tenant over 2N partitions,
                            searches through node 1; reports each node's CPU per event and the
                            Kafka/PostgreSQL process's apart (0, the default: one process)
        --evicted-day R     a node with a bucket (s3proxy) and a disk cache of one byte: once
                            yesterday's index has left the disk, time the first search of that
                            day (which fetches it) and the second, R rounds; implies --cluster 1
                            and leaves out the other searches (default 0: skip)
        --url URL --operator-key K [--pid PID] [--data-dir DIR]
                            use a running instance instead of starting one (PID for memory,
                            DIR for disk use; both optional)
      """;

  static BenchOptions parse(String[] args) {
    long events = 1_000_000;
    int clients = 4;
    int batch = 1000;
    long seed = 42;
    String url = null;
    String operatorKey = null;
    long pid = -1;
    Path dataDir = null;
    Path target = Path.of(System.getProperty("bench.target", "target"));
    Path jar = null;
    String appHeap = DEFAULT_HEAP;
    int timeout = 20;
    int runs = 50;
    int warmup = 200;
    int limit = 100;
    int directThreads = 2;
    boolean skipDirect = false;
    boolean skipApp = false;
    int probes = 5;
    boolean help = false;
    int searchClients = 4;
    int throughputSeconds = 20;
    int retentionStreams = 0;
    int parsingRules = 0;
    int alertRules = 0;
    int alertSeconds = 180;
    boolean retentionUnmatched = false;
    int cluster = 0;
    int evictedDayRounds = 0;
    long warmupEvents = 0;
    java.util.List<Path> logs = java.util.List.of();
    // exec.args may arrive as one argument when passed through Maven; split it on whitespace.
    String[] words = String.join(" ", args).trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (word.isEmpty()) {
        continue;
      }
      switch (word) {
        case "--help", "-h" -> help = true;
        case "--skip-direct" -> skipDirect = true;
        case "--skip-app" -> skipApp = true;
        case "--retention-unmatched" -> retentionUnmatched = true;
        default -> {
          if (i + 1 >= words.length) {
            throw new IllegalArgumentException("missing value after " + word + "\n" + USAGE);
          }
          String value = words[++i];
          switch (word) {
            case "--events" -> events = Long.parseLong(value.replace("_", ""));
            case "--warmup-events" -> warmupEvents = Long.parseLong(value.replace("_", ""));
            case "--clients" -> clients = Integer.parseInt(value);
            case "--batch" -> batch = Integer.parseInt(value);
            case "--seed" -> seed = Long.parseLong(value);
            case "--url" -> url = value;
            case "--operator-key" -> operatorKey = value;
            case "--pid" -> pid = Long.parseLong(value);
            case "--data-dir" -> dataDir = Path.of(value);
            case "--target" -> target = Path.of(value);
            case "--jar" -> jar = Path.of(value);
            case "--app-heap" -> appHeap = value;
            case "--timeout-minutes" -> timeout = Integer.parseInt(value);
            case "--search-runs" -> runs = Integer.parseInt(value);
            case "--search-warmup" -> warmup = Integer.parseInt(value);
            case "--limit" -> limit = Integer.parseInt(value);
            case "--direct-threads" -> directThreads = Integer.parseInt(value);
            case "--probes" -> probes = Integer.parseInt(value);
            case "--search-clients" -> searchClients = Integer.parseInt(value);
            case "--throughput-seconds" -> throughputSeconds = Integer.parseInt(value);
            case "--retention-streams" -> retentionStreams = Integer.parseInt(value);
            case "--parsing-rules" -> parsingRules = Integer.parseInt(value);
            case "--alert-rules" -> alertRules = Integer.parseInt(value);
            case "--alert-seconds" -> alertSeconds = Integer.parseInt(value);
            case "--cluster" -> cluster = Integer.parseInt(value);
            case "--evicted-day" -> evictedDayRounds = Integer.parseInt(value);
            case "--logs" -> logs = java.util.Arrays.stream(value.split(",")).map(Path::of).toList();
            default -> throw new IllegalArgumentException("unknown option " + word + "\n" + USAGE);
          }
        }
      }
    }
    if (events < 1 || clients < 1 || batch < 1 || batch > 8192 || runs < 1 || directThreads < 1
        || timeout < 1 || limit < 1 || limit > 1000 || warmup < 0 || probes < 0
        || retentionStreams < 0 || retentionStreams > 100 || parsingRules < 0 || parsingRules > 100 || alertRules < 0 || alertRules > 1000
        || alertSeconds < 10 || cluster < 0 || cluster > 8 || warmupEvents < 0) {
      throw new IllegalArgumentException("an option is out of range\n" + USAGE);
    }
    if (skipApp && skipDirect) {
      throw new IllegalArgumentException("--skip-app and --skip-direct leave nothing to run");
    }
    if (cluster > 0 && (url != null || alertRules > 0)) {
      throw new IllegalArgumentException("--cluster starts its own nodes; it takes neither --url"
          + " nor --alert-rules");
    }
    if (evictedDayRounds < 0 || evictedDayRounds > 50 || evictedDayRounds > 0 && url != null) {
      throw new IllegalArgumentException("--evicted-day takes 1 to 50 rounds and starts its own"
          + " node (no --url)");
    }
    if (url != null && operatorKey == null) {
      throw new IllegalArgumentException("--url needs --operator-key\n" + USAGE);
    }
    if (url != null && !url.startsWith("http://127.0.0.1")) {
      throw new IllegalArgumentException("--url must point at http://127.0.0.1:<port>");
    }
    if (jar == null) {
      jar = target.resolve("quarkus-app").resolve("quarkus-run.jar");
    }
    return new BenchOptions(events, clients, batch, seed, url, operatorKey, pid, dataDir, target,
        jar, appHeap, timeout, runs, warmup, limit, directThreads, skipDirect, skipApp, probes, help, logs,
        searchClients, throughputSeconds, retentionStreams, parsingRules, alertRules, alertSeconds,
        retentionUnmatched, evictedDayRounds > 0 && cluster == 0 ? 1 : cluster, evictedDayRounds,
        warmupEvents);
  }
}
