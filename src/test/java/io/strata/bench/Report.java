package io.strata.bench;

import io.strata.index.DirectIndexer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's findings, section by section; printed as text and written as JSON. */
final class Report {

  private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
  private final List<SearchLatency.Timing> searches = new ArrayList<>();
  private double endToEndEps = Double.NaN;
  private long diskEvents;
  private long diskRawBytes;

  void put(String section, String key, Object value) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>())
        .put(key, value instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : value);
  }

  void config(BenchOptions o, Path benchDir) {
    put("run", "started_at", Instant.now().toString());
    put("run", "cores", Runtime.getRuntime().availableProcessors());
    put("run", "java", System.getProperty("java.version"));
    put("run", "mode", o.url() == null ? "child process " + o.jar() : "attached to " + o.url());
    if (o.url() == null) {
      String javaOpts = System.getenv("STRATA_JAVA_OPTS");
      try {
        Path cache = AppProcess.aotCache(o.jar(), javaOpts);
        put("run", "aot_cache", cache != null ? cache.toString()
            : javaOpts != null && javaOpts.contains("-XX:AOTCache") ? "as STRATA_JAVA_OPTS says"
            : "none");
      } catch (IOException e) {
        put("run", "aot_cache", "unknown: " + e.getMessage());
      }
    }
    put("run", "events", o.events());
    put("run", "clients", o.clients());
    put("run", "events_per_request", o.batch());
    put("run", "seed", o.seed());
    put("run", "bench_dir", benchDir.toString());
  }

  void dataset(EventGenerator.Dataset data, long nanos) {
    put("dataset", "requests", data.bodies().size());
    put("dataset", "raw_bytes", data.rawBytes());
    put("dataset", "avg_event_bytes", Stats.round((double) data.rawBytes() / data.events(), 1));
    put("dataset", "min_event_bytes", data.minEventBytes());
    put("dataset", "max_event_bytes", data.maxEventBytes());
    put("dataset", "avg_request_bytes", data.rawBytes() / data.bodies().size());
    put("dataset", "generation_seconds", Stats.round(nanos / 1e9, 1));
  }

  void ingest(EventGenerator.Dataset data, IngestLoad.Sent sent, long markerAcked, long indexedAt,
      long searchableAt, Duration cpuBefore, Duration cpuAfter) {
    double sendSeconds = (sent.endNanos() - sent.startNanos()) / 1e9;
    double e2eSeconds = (searchableAt - sent.startNanos()) / 1e9;
    endToEndEps = data.events() / e2eSeconds;
    double[] requestMs = Stats.millis(sent.requestNanos());
    put("ingest", "accepted", sent.accepted());
    put("ingest", "rejected", sent.rejected());
    put("ingest", "first_error", sent.firstError());
    put("ingest", "send_seconds", Stats.round(sendSeconds, 2));
    put("ingest", "ingest_events_per_second", Math.round(sent.accepted() / sendSeconds));
    put("ingest", "ingest_mb_per_second", Stats.round(data.rawBytes() / sendSeconds / 1e6, 1));
    put("ingest", "request_p50_ms", Stats.round(Stats.percentile(requestMs, 50), 1));
    put("ingest", "request_p99_ms", Stats.round(Stats.percentile(requestMs, 99), 1));
    put("ingest", "indexed_after_last_ack_seconds", Stats.round((indexedAt - markerAcked) / 1e9, 2));
    put("ingest", "end_to_end_seconds", Stats.round(e2eSeconds, 2));
    put("ingest", "end_to_end_events_per_second", Math.round(endToEndEps));
    if (cpuBefore != null && cpuAfter != null) {
      double cpuSeconds = cpuAfter.minus(cpuBefore).toNanos() / 1e9;
      put("ingest", "app_cpu_seconds", Stats.round(cpuSeconds, 1));
      put("ingest", "app_cpu_us_per_event", Stats.round(cpuSeconds * 1e6 / data.events(), 1));
      put("ingest", "app_cores_busy", Stats.round(cpuSeconds / e2eSeconds, 2));
    }
  }

  void freshness(List<Double> millis) {
    put("freshness", "probes", millis.size());
    put("freshness", "ack_to_searchable_ms", millis.stream().map(m -> Stats.round(m, 0)).toList());
    put("freshness", "p50_ms", Stats.round(Stats.percentile(millis, 50), 0));
    put("freshness", "max_ms", Stats.round(Stats.percentile(millis, 100), 0));
  }

  void search(List<SearchLatency.Timing> timings, BenchOptions o) {
    searches.addAll(timings);
    put("search", "runs_per_query", o.searchRuns());
    put("search", "warmup_runs_per_query", o.searchWarmup());
    put("search", "limit", o.limit());
    put("search", "time_range", SearchLatency.FROM + " .. " + SearchLatency.TO);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SearchLatency.Timing t : timings) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", t.name());
      row.put("q", t.q());
      row.put("total", t.total());
      row.put("total_relation", t.relation());
      row.put("returned", t.events());
      row.put("p50_ms", Stats.round(t.p50Ms(), 2));
      row.put("p99_ms", Stats.round(t.p99Ms(), 2));
      row.put("mean_ms", Stats.round(t.meanMs(), 2));
      row.put("server_took_p50_ms", t.serverP50Ms());
      row.put("server_took_p99_ms", t.serverP99Ms());
      rows.add(row);
    }
    put("search", "queries", rows);
  }

  void disk(Path where, long events, long rawBytes) throws IOException {
    long bytes = DirectIndexer.diskBytes(where);
    put("disk", "path", where.toString());
    put("disk", "index_bytes", bytes);
    put("disk", "segments", DirectIndexer.segmentCount(where));
    put("disk", "events", events);
    put("disk", "bytes_per_event", Stats.round((double) bytes / events, 1));
    put("disk", "bytes_per_raw_byte", Stats.round((double) bytes / rawBytes, 3));
    diskEvents = events;
    diskRawBytes = rawBytes;
  }

  /** The same directory once the app has stopped (its last commit, files of old readers gone). */
  void diskAfterStop(Path where) throws IOException {
    long bytes = DirectIndexer.diskBytes(where);
    put("disk", "after_stop_index_bytes", bytes);
    put("disk", "after_stop_segments", DirectIndexer.segmentCount(where));
    put("disk", "after_stop_bytes_per_event", Stats.round((double) bytes / diskEvents, 1));
    put("disk", "after_stop_bytes_per_raw_byte", Stats.round((double) bytes / diskRawBytes, 3));
    IndexFiles.shares(IndexFiles.bytesByKind(where))
        .forEach((kind, share) -> put("disk_by_kind", kind, share));
  }

  void memory(long[] bytes) {
    put("app", "peak_rss_bytes", bytes[0] < 0 ? null : bytes[0]);
    put("app", "rss_bytes", bytes[1] < 0 ? null : bytes[1]);
  }

  void appLog(AppProcess.LogSummary log) {
    put("app", "log_errors", log.errors());
    put("app", "log_warnings", log.warnings());
    put("app", "log_samples", log.samples());
  }

  void direct(DirectIndexer.Result result, EventGenerator.Dataset data, Path where)
      throws IOException {
    double seconds = result.nanos() / 1e9;
    double eps = result.indexed() / seconds;
    put("direct_lucene", "indexed", result.indexed());
    put("direct_lucene", "failed", result.failed());
    put("direct_lucene", "seconds", Stats.round(seconds, 2));
    put("direct_lucene", "events_per_second", Math.round(eps));
    put("direct_lucene", "index_bytes", result.diskBytes());
    put("direct_lucene", "segments", DirectIndexer.segmentCount(where));
    put("direct_lucene", "bytes_per_event", Stats.round((double) result.diskBytes() / result.indexed(), 1));
    put("direct_lucene", "bytes_per_raw_byte", Stats.round((double) result.diskBytes() / data.rawBytes(), 3));
    put("direct_lucene", "app_end_to_end_over_direct", Stats.round(endToEndEps / eps, 3));
    IndexFiles.shares(IndexFiles.bytesByKind(where))
        .forEach((kind, share) -> put("direct_lucene_disk_by_kind", kind, share));
  }

  void print(PrintStream out) {
    out.println();
    out.println("==================== Strata benchmark ====================");
    for (var section : sections.entrySet()) {
      if (section.getKey().equals("search")) {
        printSearch(out, section.getValue());
        continue;
      }
      out.println("[" + section.getKey() + "]");
      for (var entry : section.getValue().entrySet()) {
        Object value = entry.getValue();
        if (value instanceof List<?> list && !list.isEmpty() && entry.getKey().equals("log_samples")) {
          out.println("  log_samples:");
          list.forEach(line -> out.println("    " + line));
        } else {
          out.printf("  %-34s %s%n", entry.getKey() + ":", format(value));
        }
      }
    }
    out.println("==========================================================");
  }

  private void printSearch(PrintStream out, Map<String, Object> section) {
    out.printf("[search] %s runs per query after %s warm-up, limit %s, %s; client floor %s ms;"
        + " started once the app was quiet, after %s s%n",
        section.get("runs_per_query"), section.get("warmup_runs_per_query"), section.get("limit"),
        section.get("time_range"), section.get("client_floor_ms"), section.get("quiet_after_seconds"));
    out.printf("  %-32s %10s %4s %9s %9s %9s  %s%n", "query", "total", "rel", "p50 ms", "p99 ms",
        "took p50", "q");
    for (SearchLatency.Timing t : searches) {
      out.printf("  %-32s %,10d %4s %9.2f %9.2f %9.0f  %s%n", t.name(), t.total(), t.relation(),
          t.p50Ms(), t.p99Ms(), t.serverP50Ms(), t.q().isEmpty() ? "(empty)" : t.q());
    }
  }

  private static String format(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return String.format("%,d", ((Number) value).longValue());
    }
    return String.valueOf(value);
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, StrataClient.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(sections));
  }
}
