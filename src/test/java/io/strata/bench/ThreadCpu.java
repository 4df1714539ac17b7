package io.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the app's threads grouped by pipeline stage, read from {@code /proc/<pid>/task}
 * (Linux): where an event's CPU goes, without a profiler. Linux cuts thread names to 15
 * characters, which the stage prefixes allow for.
 */
final class ThreadCpu {

  /** Stage of a thread, by the first prefix its name starts with; the rest is "other". */
  private static final List<Map.Entry<String, String>> STAGES = List.of(
      Map.entry("strata-indexer", "indexer"),
      Map.entry("strata-index-co", "index_commits"),
      Map.entry("Lucene Merge", "lucene_merges"),
      Map.entry("vert.x-eventloo", "http_event_loop"),
      Map.entry("executor-thread", "workers"),
      Map.entry("smallrye-kafka", "kafka_clients"),
      Map.entry("kafka-producer", "kafka_clients"),
      Map.entry("data-plane-kafk", "kafka_broker"),
      Map.entry("kafka-", "kafka_broker"),
      Map.entry("broker-", "kafka_broker"),
      Map.entry("quorum-", "kafka_broker"),
      Map.entry("controller-", "kafka_broker"),
      Map.entry("ExpirationReape", "kafka_broker"),
      Map.entry("group-coordinat", "kafka_broker"),
      Map.entry("C1 CompilerThre", "jit_c1"),
      Map.entry("C2 CompilerThre", "jit_c2"),
      Map.entry("GC Thread", "gc"),
      Map.entry("G1 ", "gc"));

  /** Clock ticks per second of /proc times (USER_HZ; 100 on Linux for a generation). */
  private static final double TICKS_PER_SECOND = 100.0;

  private ThreadCpu() {}

  /** CPU seconds per stage of the process's live threads; empty where /proc is not readable. */
  static Map<String, Double> byStage(long pid) {
    Map<String, Double> seconds = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (pid <= 0 || !Files.isDirectory(tasks)) {
      return seconds;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          // pid (comm) state ... : comm may hold spaces and parentheses, so split at the last ')'.
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close);
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
          seconds.merge(stage(name), ticks / TICKS_PER_SECOND, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended while being read
        }
      }
    } catch (IOException e) {
      return seconds;
    }
    return seconds;
  }

  /** What each stage used between two readings, in µs per event, largest first. */
  static Map<String, Double> perEvent(Map<String, Double> before, Map<String, Double> after,
      long events) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> used.put(e.getKey(), Stats.round(e.getValue() * 1e6 / events, 1)));
    return used;
  }

  private static String stage(String threadName) {
    for (Map.Entry<String, String> stage : STAGES) {
      if (threadName.startsWith(stage.getKey())) {
        return stage.getValue();
      }
    }
    return "other";
  }
}
