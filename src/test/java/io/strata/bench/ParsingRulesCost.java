package io.strata.bench;

import io.strata.index.DirectIndexer;
import io.strata.index.ParsingRouting;
import io.strata.parsing.ToolRules;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What N parsing rules cost the indexer: the direct baseline (the app's document layout and writer
 * settings, no HTTP, no Kafka) run without and with the benchmark's rules, alternately, three times each,
 * in this process, so that the machine's other load hits both alike. Reports the median events/s
 * and the process CPU per event of each, and the drop.
 */
final class ParsingRulesCost {

  private static final int ROUNDS = 3;

  private ParsingRulesCost() {}

  static void measure(EventGenerator.Dataset data, Path dir, BenchOptions options,
      Deadline deadline, Report report) throws IOException, InterruptedException {
    System.out.printf("Parsing rules: the direct baseline without and with %d rules, %d rounds"
        + " ...%n", options.parsingRules(), ROUNDS);
    List<double[]> without = new ArrayList<>();
    List<double[]> with = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      deadline.check("the parsing rules stage");
      without.add(run(data, dir, options, deadline, false));
      with.add(run(data, dir, options, deadline, true));
    }
    double[] base = median(without);
    double[] ruled = median(with);
    report.put("parsing_rules", "rules", options.parsingRules());
    report.put("parsing_rules", "without_events_per_second", Math.round(base[0]));
    report.put("parsing_rules", "with_events_per_second", Math.round(ruled[0]));
    report.put("parsing_rules", "throughput_drop", Stats.round(1 - ruled[0] / base[0], 3));
    report.put("parsing_rules", "without_cpu_us_per_event", Stats.round(base[1], 1));
    report.put("parsing_rules", "with_cpu_us_per_event", Stats.round(ruled[1], 1));
    report.put("parsing_rules", "cpu_increase", Stats.round(ruled[1] / base[1] - 1, 3));
  }

  /** One run: {events/s, CPU µs per event}. */
  private static double[] run(EventGenerator.Dataset data, Path dir, BenchOptions options,
      Deadline deadline, boolean rules) throws IOException, InterruptedException {
    deleteTree(dir);
    DirectIndexer indexer = new DirectIndexer(dir, options.directThreads());
    if (rules) {
      ParsingRouting.TenantParsing compiled = ToolRules.compile(
          ParsingRulesLoad.rules(options.parsingRules()), indexer.analyzer(),
          TimeUnit.MILLISECONDS.toNanos(5));
      indexer.withRules(compiled);
    }
    System.gc();
    long cpuBefore = processCpuNanos();
    DirectIndexer.Result result = indexer.index(data.bodies(),
        TimeUnit.NANOSECONDS.toSeconds(deadline.remainingNanos()));
    long cpu = processCpuNanos() - cpuBefore;
    double eps = result.indexed() / (result.nanos() / 1e9);
    double cpuPerEvent = cpu / 1e3 / result.indexed();
    System.out.printf("  %s rules: %,.0f events/s, %.1f µs CPU per event, %,d events parsed%n",
        rules ? "with" : "without", eps, cpuPerEvent, result.parsed());
    return new double[] {eps, cpuPerEvent};
  }

  private static double[] median(List<double[]> runs) {
    double[] eps = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
    double[] cpu = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
    return new double[] {(eps[(eps.length - 1) / 2] + eps[eps.length / 2]) / 2,
        (cpu[(cpu.length - 1) / 2] + cpu[cpu.length / 2]) / 2};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
