package io.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.index.DirectIndexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strata's benchmark: starts the packaged app (or uses a running one), pushes generated fleet logs
 * over HTTP, and measures ingest and end-to-end throughput, freshness, search latency, disk use and
 * memory; then indexes the same bytes straight into Lucene with the app's layout as a baseline.
 * Prints a report and writes it to {@code target/bench-report.json}.
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench package -DskipTests exec:exec -Dexec.args="--events 1000000"}.
 */
public final class Benchmark {

  /** The Prometheus timer of the indexer's commits, during which indexing waits. */
  private static final String COMMIT_METRIC = "strata_index_commit_seconds";
  private static final String DELAY_METRIC = "strata_index_delay_seconds";
  /**
   * Heap bytes the app allocated (Micrometer's JVM binder: young generation growth between
   * collections, so it moves at each young collection and lags by at most one young generation).
   */
  private static final String ALLOCATED_METRIC = "jvm_gc_memory_allocated_bytes_total";
  /** Young and mixed collections, counted by the JVM binder's pause timer. */
  private static final String PAUSE_METRIC = "jvm_gc_pause_seconds_count";

  private final BenchOptions options;
  private final Deadline deadline;
  private final Report report = new Report();
  private Path indexDir;

  private Benchmark(BenchOptions options) {
    this.options = options;
    this.deadline = new Deadline(options.timeoutMinutes());
  }

  public static void main(String[] args) {
    int status = 1;
    try {
      BenchOptions options = BenchOptions.parse(args);
      if (options.help()) {
        System.out.println(BenchOptions.USAGE);
        status = 0;
      } else {
        new Benchmark(options).run();
        status = 0;
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    } catch (Throwable e) {
      System.err.println("BENCHMARK FAILED: " + e);
      e.printStackTrace();
    }
    System.exit(status); // also ends the HTTP clients' threads
  }

  private void run() throws Exception {
    Path benchDir = options.target().resolve("bench-data").toAbsolutePath();
    report.config(options, benchDir);

    System.out.printf("Generating %,d events (seed %d, %d per request) ...%n", options.events(),
        options.seed(), options.batch());
    long genStart = System.nanoTime();
    EventGenerator.Dataset data = options.logs().isEmpty()
        ? new EventGenerator(options.seed(), System.currentTimeMillis())
            .generate(options.events(), options.batch())
        : LogFiles.read(options.logs(), options.batch());
    report.dataset(data, System.nanoTime() - genStart);

    if (!options.skipApp() && options.cluster() > 0) {
      runCluster(data, benchDir);
    } else if (!options.skipApp()) {
      runApp(data, benchDir);
    }

    if (!options.skipDirect()) {
      deadline.check("the direct baseline");
      System.out.printf("Direct Lucene baseline: %,d events, %d threads ...%n", data.events(),
          options.directThreads());
      Path directDir = benchDir.resolve("direct");
      deleteTree(directDir);
      DirectIndexer.Result direct = new DirectIndexer(directDir, options.directThreads())
          .index(data.bodies(), TimeUnit.NANOSECONDS.toSeconds(deadline.remainingNanos()));
      report.direct(direct, data, directDir);
      if (options.parsingRules() > 0) {
        ParsingRulesCost.measure(data, benchDir.resolve("direct"), options, deadline, report);
      }
    }
    report.print(System.out);
    Path json = options.target().resolve("bench-report.json");
    report.write(json);
    System.out.println("Report written to " + json.toAbsolutePath());
  }

  /**
   * The cluster mode: the same load spread over the ingest of N nodes, the same searches through
   * node 1 (which asks every node), and the CPU of each node and of the services apart.
   */
  private void runCluster(EventGenerator.Dataset data, Path benchDir) throws Exception {
    Path dir = benchDir.resolve("cluster");
    deleteTree(dir);
    deleteTree(benchDir.resolve("direct"));
    Files.createDirectories(benchDir);
    System.out.printf("Starting a cluster of %d nodes (scripts/cluster.sh, data in %s) ...%n",
        options.cluster(), dir);
    long readyStart = System.nanoTime();
    boolean evicted = options.evictedDayRounds() > 0;
    try (ClusterRun cluster = ClusterRun.start(Path.of("").toAbsolutePath(), dir,
        options.cluster(), options.appHeap(),
        evicted ? EvictedDay.nodeEnvironment() : Map.of())) {
      report.put("cluster", "nodes", cluster.nodes);
      report.put("cluster", "topic_partitions", cluster.partitions);
      report.put("app", "ready_seconds", Stats.round((System.nanoTime() - readyStart) / 1e9, 1));
      StrataClient first = new StrataClient(cluster.url(1), cluster.managementUrl(1));
      List<StrataClient> managers = new java.util.ArrayList<>();
      for (int i = 1; i <= cluster.nodes; i++) {
        managers.add(new StrataClient(cluster.url(i), cluster.managementUrl(i)));
      }
      String[] tenantAndKey = setUpTenant(first, cluster.operatorKey);
      String tenant = tenantAndKey[0];
      String key = tenantAndKey[1];
      // Spread over every partition, so that every node indexes a share.
      first.patchJson("/api/v1/admin/tenants/" + tenant, cluster.operatorKey,
          Map.of("partitions", cluster.partitions), 200);
      report.put("cluster", "tenant_partitions", cluster.partitions);

      System.out.printf("Sending %,d events in %,d requests with %d clients over %d nodes ...%n",
          data.events(), data.bodies().size(), options.clients(), cluster.nodes);
      Duration[] before = clusterCpu(cluster);
      Load load = sendLoad(cluster.urls(), first, key, data);
      IngestLoad.Sent sent = load.sent();
      AtomicLong rawBytes = load.rawBytes();
      long markerAcked = load.markerAcked();
      long expected = sent.accepted() + 1;
      long indexedAt = IngestLoad.awaitIndexed(managers, tenant, expected, cluster::alive, deadline);
      long searchableAt = IngestLoad.awaitSearchable(first, key,
          "bench_marker:\"" + load.marker() + "\"", 200, 60_000, deadline);
      Duration[] after = clusterCpu(cluster);
      Duration nodesBefore = Duration.ZERO;
      Duration nodesAfter = Duration.ZERO;
      for (int i = 1; i <= cluster.nodes; i++) {
        nodesBefore = nodesBefore.plus(before[i]);
        nodesAfter = nodesAfter.plus(after[i]);
        double nodeSeconds = after[i].minus(before[i]).toNanos() / 1e9;
        report.put("cluster", "node_" + i + "_cpu_us_per_event",
            Stats.round(nodeSeconds * 1e6 / data.events(), 1));
        report.put("cluster", "node_" + i + "_indexed",
            (long) managers.get(i - 1).metric(IngestLoad.INDEX_METRIC,
                Map.of("tenant", tenant, "outcome", "indexed")));
      }
      double servicesSeconds = after[0].minus(before[0]).toNanos() / 1e9;
      report.put("cluster", "services_cpu_us_per_event",
          Stats.round(servicesSeconds * 1e6 / data.events(), 1));
      // "app" here is every node together, without the Kafka/PostgreSQL process.
      report.ingest(data, sent, markerAcked, indexedAt, searchableAt, nodesBefore, nodesAfter);
      double allSeconds = nodesAfter.minus(nodesBefore).toNanos() / 1e9 + servicesSeconds;
      report.put("cluster", "all_cpu_us_per_event", Stats.round(allSeconds * 1e6 / data.events(), 1));

      if (evicted) {
        System.out.println("Searching a day that is in the bucket only ...");
        EvictedDay.measure(first, key, cluster.dataDir(1), tenant, options.evictedDayRounds(),
            report, deadline);
        return;
      }
      System.out.printf("Indexed; %d freshness probes through node 1 ...%n", options.probes());
      List<Double> freshness = IngestLoad.freshness(first, key, options.probes(), rawBytes, deadline);
      report.freshness(freshness);
      System.out.println("Timing searches through node 1 ...");
      report.search(SearchLatency.run(first, key, SearchLatency.standardQueries(data),
          options.searchWarmup(), options.searchRuns(), options.limit(), deadline), options);
      report.put("search", "client_floor_ms", Stats.round(first.floorMillis(200), 2));
      if (options.throughputSeconds() > 0) {
        SearchThroughput.Result throughput = SearchThroughput.run(first, key,
            SearchLatency.standardQueries(data), options.searchClients(),
            options.throughputSeconds(), options.limit());
        report.put("search_throughput", "clients", throughput.clients());
        report.put("search_throughput", "searches_per_second", throughput.perSecond());
      }
      Thread.sleep(7_000); // the last commit (every 5 s)
      long bytes = 0;
      long peakRss = 0;
      for (int i = 1; i <= cluster.nodes; i++) {
        bytes += DirectIndexer.diskBytes(cluster.dataDir(i).resolve("indexes").resolve(tenant));
        long[] memory = AppProcess.memory(cluster.pid(i));
        report.put("cluster", "node_" + i + "_peak_rss_bytes", memory[0]);
        peakRss = Math.max(peakRss, memory[0]);
      }
      long events = expected + freshness.size();
      report.put("disk", "index_bytes", bytes);
      report.put("disk", "bytes_per_event", Stats.round((double) bytes / events, 1));
      report.put("disk", "bytes_per_raw_byte", Stats.round((double) bytes / rawBytes.get(), 3));
      report.put("app", "peak_rss_bytes", peakRss);
      System.out.println("Stopping the cluster ...");
    }
  }

  /**
   * With {@code --warmup-events}: sends the load's first requests, as many as hold that many events,
   * to a tenant of their own and waits until they are indexed, so that what follows measures a
   * server whose hot path the JIT has compiled; the measured tenant's index is not touched.
   */
  private void warmUp(AppProcess app, StrataClient client, EventGenerator.Dataset data)
      throws Exception {
    report.put("run", "warmup_events", options.warmupEvents());
    if (options.warmupEvents() == 0) {
      return;
    }
    String tenant = "warmup-" + Long.toString(System.currentTimeMillis(), 36);
    String key = createTenant(client, app.operatorKey, tenant, "Warm-up", List.of("ingest"));
    long perBody = Math.max(1, data.events() / Math.max(1, data.bodies().size()));
    int bodies = (int) Math.min(data.bodies().size(), (options.warmupEvents() + perBody - 1) / perBody);
    System.out.printf("Warming up with %d requests (about %,d events) ...%n", bodies, bodies * perBody);
    IngestLoad.Sent sent = IngestLoad.send(List.of(app.url), key,
        data.bodies().subList(0, bodies), options.clients(), deadline);
    IngestLoad.awaitIndexed(client, tenant, sent.accepted(), app::alive, deadline);
  }

  /** What was sent: the load's answers, its raw bytes, and the marker event sent after it. */
  private record Load(IngestLoad.Sent sent, AtomicLong rawBytes, String marker, long markerAcked) {}

  /**
   * Sends every body over {@code urls}, then one marker event through {@code client}, whose
   * becoming searchable ends the end-to-end time.
   */
  private Load sendLoad(List<String> urls, StrataClient client, String key,
      EventGenerator.Dataset data) throws IOException, InterruptedException {
    IngestLoad.Sent sent = IngestLoad.send(urls, key, data.bodies(), options.clients(), deadline);
    if (sent.accepted() != data.events()) {
      System.out.printf("WARNING: %,d events accepted, %,d rejected (first error: %s)%n",
          sent.accepted(), sent.rejected(), sent.firstError());
    }
    AtomicLong rawBytes = new AtomicLong(data.rawBytes());
    String marker = UUID.randomUUID().toString();
    rawBytes.addAndGet(IngestLoad.sendUnique(client, key, "bench_marker", marker, "marker"));
    return new Load(sent, rawBytes, marker, System.nanoTime());
  }

  /** CPU so far of the services' process (index 0) and of each node (1..N). */
  private static Duration[] clusterCpu(ClusterRun cluster) throws IOException {
    Duration[] cpu = new Duration[cluster.nodes + 1];
    cpu[0] = ClusterRun.cpu(cluster.servicesPid());
    for (int i = 1; i <= cluster.nodes; i++) {
      cpu[i] = ClusterRun.cpu(cluster.pid(i));
    }
    return cpu;
  }

  /** Starts (or attaches to) the application, measures it, stops it. */
  private void runApp(EventGenerator.Dataset data, Path benchDir) throws Exception {
    AppProcess app;
    if (options.url() == null) {
      deleteTree(benchDir.resolve("app"));
      deleteTree(benchDir.resolve("direct"));
      Files.createDirectories(benchDir);
      String operatorKey = "bench-operator-" + UUID.randomUUID();
      app = AppProcess.start(options.jar(), benchDir.resolve("app"), operatorKey,
          benchDir.resolve("app.log"), options.appHeap());
      System.out.printf("Started %s (pid %d) on %s; log in %s%n", options.jar(), app.pid, app.url,
          benchDir.resolve("app.log"));
    } else {
      app = AppProcess.attach(options.url(), options.operatorKey(), options.pid(), options.dataDir());
    }
    Thread stopper = new Thread(app::close, "bench-stop-app");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      measureApp(app, data);
    } finally {
      if (app.started()) {
        System.out.println("Stopping the app ...");
        long stopStart = System.nanoTime();
        app.close();
        report.put("app", "stop_seconds", Stats.round((System.nanoTime() - stopStart) / 1e9, 1));
        report.appLog(app.logSummary());
        if (indexDir != null) {
          report.diskAfterStop(indexDir);
        }
      }
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }

  private void measureApp(AppProcess app, EventGenerator.Dataset data) throws Exception {
    StrataClient client = new StrataClient(app.url, app.managementUrl);
    long readyStart = System.nanoTime();
    app.awaitReady(client, Duration.ofSeconds(Math.min(300,
        TimeUnit.NANOSECONDS.toSeconds(deadline.remainingNanos()))));
    report.put("app", "ready_seconds", Stats.round((System.nanoTime() - readyStart) / 1e9, 1));
    long[] bootMemory = app.memory();
    report.put("app", "rss_after_start_bytes", bootMemory[1]);
    try (AnonMemoryPeak anonPeak = new AnonMemoryPeak(app.pid, 200)) {
      measureLoadedApp(app, client, data);
      long anon = anonPeak.peakBytes();
      report.put("app", "peak_anon_rss_bytes", anon < 0 ? null : anon);
    }
  }

  private void measureLoadedApp(AppProcess app, StrataClient client, EventGenerator.Dataset data)
      throws Exception {
    String[] tenantAndKey = setUpTenant(client, app.operatorKey);
    String tenant = tenantAndKey[0];
    String key = tenantAndKey[1];
    warmUp(app, client, data);

    System.out.printf("Sending %,d events in %,d requests with %d clients ...%n", data.events(),
        data.bodies().size(), options.clients());
    Duration cpuBefore = cpu(app.pid);
    Map<String, Double> stagesBefore = ThreadCpu.byStage(app.pid);
    double commitsBefore = client.metric(COMMIT_METRIC + "_sum", Map.of());
    double commitCountBefore = client.metric(COMMIT_METRIC + "_count", Map.of());
    double delayBefore = client.metric(DELAY_METRIC + "_sum", Map.of());
    double delayCountBefore = client.metric(DELAY_METRIC + "_count", Map.of());
    double allocatedBefore = client.metric(ALLOCATED_METRIC, Map.of());
    double pausesBefore = client.metric(PAUSE_METRIC, Map.of());
    Load load = sendLoad(List.of(app.url), client, key, data);
    IngestLoad.Sent sent = load.sent();
    AtomicLong rawBytes = load.rawBytes();
    String marker = load.marker();
    long markerAcked = load.markerAcked();
    // What was left to index when the load ended: the indexer then has the machine to itself, and
    // its rate over that backlog is how fast a node catches up after an outage or a burst.
    double indexedAtLastAck = Math.max(0, client.metric(IngestLoad.INDEX_METRIC,
        Map.of("tenant", tenant, "outcome", "indexed")));
    System.out.printf("Sent in %.1f s; waiting for the indexer ...%n", (markerAcked - sent.startNanos()) / 1e9);
    long expected = sent.accepted() + 1;
    long indexedAt = IngestLoad.awaitIndexed(client, tenant, expected, app::alive, deadline);
    long backlog = expected - (long) indexedAtLastAck;
    report.put("ingest", "backlog_at_last_ack_events", backlog);
    if (backlog >= 10_000) { // a shorter tail is mostly the last commit and the poll interval
      report.put("ingest", "catch_up_events_per_second",
          Math.round(backlog / Math.max(1e-9, (indexedAt - markerAcked) / 1e9)));
    }
    long searchableAt = IngestLoad.awaitSearchable(client, key, "bench_marker:\"" + marker + "\"",
        200, 60_000, deadline);
    Duration cpuAfter = cpu(app.pid);
    report.ingest(data, sent, markerAcked, indexedAt, searchableAt, cpuBefore, cpuAfter);
    // Allocation drives the collector: how often it runs, and how far G1 grows the heap.
    double allocatedAfter = client.metric(ALLOCATED_METRIC, Map.of());
    if (allocatedBefore >= 0 && allocatedAfter >= 0) {
      report.put("ingest", "allocated_bytes_per_event",
          Math.round((allocatedAfter - allocatedBefore) / data.events()));
      report.put("ingest", "gc_pauses",
          (long) (client.metric(PAUSE_METRIC, Map.of()) - pausesBefore));
    }
    // How much of the ingest window the indexes spent committing (beside indexing, on a thread of
    // their own, except for the last commit).
    double commitSeconds = client.metric(COMMIT_METRIC + "_sum", Map.of()) - commitsBefore;
    report.put("ingest", "commits", (long) (client.metric(COMMIT_METRIC + "_count", Map.of())
        - commitCountBefore));
    report.put("ingest", "commit_seconds", Stats.round(commitSeconds, 2));
    report.put("ingest", "commit_share_of_window", Stats.round(commitSeconds * 1e9
        / Math.max(1, indexedAt - sent.startNanos()), 3));
    // From a record's acknowledgement to its indexing, over the load: what waits behind commits.
    double delayCount = client.metric(DELAY_METRIC + "_count", Map.of()) - delayCountBefore;
    report.put("ingest", "index_delay_mean_ms", Stats.round(1000
        * (client.metric(DELAY_METRIC + "_sum", Map.of()) - delayBefore) / Math.max(1, delayCount), 1));
    report.put("ingest", "index_delay_max_ms", Stats.round(1000
        * client.metric(DELAY_METRIC + "_max", Map.of()), 1));
    ThreadCpu.perEvent(stagesBefore, ThreadCpu.byStage(app.pid), data.events())
        .forEach((stage, micros) -> report.put("ingest_cpu_us_per_event_by_stage", stage, micros));

    System.out.printf("Indexed; %d freshness probes ...%n", options.probes());
    List<Double> freshness = IngestLoad.freshness(client, key, options.probes(), rawBytes, deadline);
    report.freshness(freshness);
    long lastIndexing = System.nanoTime();

    awaitQuiet(app.pid);
    System.out.println("Timing searches ...");
    report.search(SearchLatency.run(client, key, SearchLatency.standardQueries(data),
        options.searchWarmup(), options.searchRuns(), options.limit(), deadline), options);
    report.put("search", "client_floor_ms", Stats.round(client.floorMillis(200), 2));
    if (options.throughputSeconds() > 0) {
      System.out.println("Searching with " + options.searchClients() + " clients for "
          + options.throughputSeconds() + " s ...");
      SearchThroughput.Result throughput = SearchThroughput.run(client, key,
          SearchLatency.standardQueries(data), options.searchClients(), options.throughputSeconds(),
          options.limit());
      report.put("search_throughput", "clients", throughput.clients());
      report.put("search_throughput", "seconds", throughput.seconds());
      report.put("search_throughput", "searches", throughput.searches());
      report.put("search_throughput", "failures", throughput.failures());
      report.put("search_throughput", "searches_per_second", throughput.perSecond());
    }

    if (options.alertRules() > 0 && app.pid > 0) {
      deadline.check("the alerting stage");
      System.out.printf("Alerting: %d s idle, then %d rules every minute for %d s ...%n",
          options.alertSeconds(), options.alertRules(), options.alertSeconds());
      AlertRulesLoad.Result alerting = AlertRulesLoad.run(client, key, app.pid,
          options.alertRules(), options.alertSeconds());
      report.put("alerting", "rules", alerting.rules());
      report.put("alerting", "seconds", alerting.seconds());
      report.put("alerting", "evaluations", alerting.evaluations());
      report.put("alerting", "query_ms_mean", alerting.queryMillisMean());
      report.put("alerting", "idle_cpu_seconds", alerting.idleCpuSeconds());
      report.put("alerting", "rules_cpu_seconds", alerting.rulesCpuSeconds());
      report.put("alerting", "core_share", Stats.round(alerting.coreShare(), 4));
      lastIndexing = System.nanoTime();
    }

    // The indexer commits every 5 s: wait until the last events are surely in a commit.
    long settle = TimeUnit.SECONDS.toNanos(7) - (System.nanoTime() - lastIndexing);
    if (settle > 0) {
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(settle));
    }
    long totalEvents = expected + freshness.size();
    if (app.dataDir != null) {
      indexDir = app.dataDir.resolve("indexes").resolve(tenant);
      report.disk(indexDir, totalEvents, rawBytes.get());
    }
    report.memory(app.memory());
  }

  /**
   * Creates the benchmark's tenant with a key, and its retention policy and parsing rules as the
   * options ask; returns the tenant and the key.
   */
  /** Creates tenant {@code id} and returns a new key of it with {@code scopes}. */
  private static String createTenant(StrataClient client, String operatorKey, String id,
      String name, List<String> scopes) throws Exception {
    client.postJson("/api/v1/admin/tenants", operatorKey, Map.of("id", id, "name", name), 201);
    JsonNode issued = client.postJson("/api/v1/admin/tenants/" + id + "/keys", operatorKey,
        Map.of("name", "bench", "scopes", scopes), 201);
    String key = issued.path("key").asText();
    if (key.isEmpty()) {
      throw new IOException("no key in " + issued);
    }
    return key;
  }

  private String[] setUpTenant(StrataClient client, String operatorKey) throws Exception {
    String tenant = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    String key = createTenant(client, operatorKey, tenant, "Benchmark " + Instant.now(),
        List.of("ingest", "search", "admin"));
    report.put("run", "tenant", tenant);
    // Real log files carry old timestamps: a policy that keeps them (and, when asked, N streams
    // for the indexer to choose among). Generated events are of today: no policy needed, which
    // keeps the benchmark usable against builds from before retention (--jar).
    if (options.retentionStreams() > 0 || !options.logs().isEmpty()) {
      client.putJson("/api/v1/retention", key, RetentionStreams.policy(options.retentionStreams(),
          options.retentionUnmatched()),
          200);
    }
    report.put("run", "retention_streams", options.retentionStreams());
    report.put("run", "retention_unmatched", options.retentionUnmatched());
    for (Map<String, Object> rule : ParsingRulesLoad.rules(options.parsingRules())) {
      client.postJson("/api/v1/parsing-rules", key, rule, 201);
    }
    report.put("run", "parsing_rules", options.parsingRules());
    return new String[] {tenant, key};
  }

  /**
   * Waits until the app has been nearly idle (under a tenth of a core) for two seconds, at most 120
   * s, so that searches are timed against an index at rest, as the peer's are (force-merged), rather
   * than against the merges that follow a load; how long that took goes into the report.
   */
  private void awaitQuiet(long pid) throws InterruptedException {
    if (cpu(pid) == null) {
      return;
    }
    long started = System.nanoTime();
    int quiet = 0;
    Duration last = cpu(pid);
    while (quiet < 4 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120)) {
      Thread.sleep(500);
      Duration now = cpu(pid);
      if (now == null) {
        return;
      }
      quiet = now.minus(last).toMillis() < 50 ? quiet + 1 : 0;
      last = now;
    }
    report.put("search", "quiet_after_seconds",
        Stats.round((System.nanoTime() - started) / 1e9, 1));
  }

  private static Duration cpu(long pid) {
    if (pid <= 0) {
      return null;
    }
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
