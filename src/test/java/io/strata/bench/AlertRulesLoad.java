package io.strata.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alerting stage: N rules of the shapes tenants write (a level, a service, a phrase; no group,
 * by service, by service and level; windows of 5 minutes to 6 hours), all evaluated every minute
 * over the benchmark tenant's events. Measures the app's CPU while they run against the same time
 * idle just before, so that what is left is the rules' cost.
 */
final class AlertRulesLoad {

  /** What the stage measured. */
  record Result(int rules, int seconds, long evaluations, double queryMillisMean,
      double idleCpuSeconds, double rulesCpuSeconds) {

    /** The rules' cost as a share of one core: CPU over the window, less the idle CPU. */
    double coreShare() {
      return Math.max(0, rulesCpuSeconds - idleCpuSeconds) / seconds;
    }
  }

  private static final Map<String, String> OK = Map.of("outcome", "ok");

  private AlertRulesLoad() {}

  static List<Map<String, Object>> rules(int count) {
    String[] services = EventGenerator.SERVICES;
    String[] windows = {"5m", "15m", "1h", "6h"};
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String service = services[i % services.length];
      String query = switch (i % 4) {
        case 0 -> "level:ERROR";
        case 1 -> "level:ERROR AND service:" + service;
        case 2 -> "service:" + service + " AND level:WARN";
        default -> "\"timeout\" OR \"refused\"";
      };
      List<String> groupBy = switch (i % 3) {
        case 0 -> List.of();
        case 1 -> List.of("service");
        default -> List.of("service", "level");
      };
      rules.add(Map.of("name", "bench rule " + i, "query", query, "window", windows[i % 4],
          "every", "1m", "condition", Map.of("op", ">", "value", 1000 + i),
          "group_by", groupBy, "severity", "warning"));
    }
    return rules;
  }

  /**
   * Idles for {@code seconds} measuring the app's CPU, creates {@code count} rules, lets their
   * first evaluations pass, and measures the CPU of the next {@code seconds} again.
   */
  static Result run(StrataClient client, String key, long pid, int count, int seconds)
      throws Exception {
    Duration idleStart = cpu(pid);
    Thread.sleep(seconds * 1000L);
    Duration idleEnd = cpu(pid);
    for (Map<String, Object> rule : rules(count)) {
      client.postJson("/api/v1/alerts/rules", key, rule, 201);
    }
    // The first evaluations of the new rules (due at once) and their creation are left out: the
    // window measures rules in their steady state, each evaluated every minute.
    Thread.sleep(Math.min(30_000, 5_000 + count * 20L));
    double before = client.metric("strata_alerts_evaluations_total", OK);
    double queryCount = client.metric("strata_alerts_evaluation_query_seconds_count", OK);
    double querySum = client.metric("strata_alerts_evaluation_query_seconds_sum", OK);
    Duration rulesStart = cpu(pid);
    Thread.sleep(seconds * 1000L);
    Duration rulesEnd = cpu(pid);
    double after = client.metric("strata_alerts_evaluations_total", OK);
    double queries = client.metric("strata_alerts_evaluation_query_seconds_count", OK)
        - queryCount;
    double queryTime = client.metric("strata_alerts_evaluation_query_seconds_sum", OK)
        - querySum;
    return new Result(count, seconds, (long) (after - before),
        queries == 0 ? 0 : Stats.round(queryTime * 1000 / queries, 3),
        seconds(idleStart, idleEnd), seconds(rulesStart, rulesEnd));
  }

  private static Duration cpu(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
  }

  private static double seconds(Duration start, Duration end) {
    return start == null || end == null ? Double.NaN : end.minus(start).toMillis() / 1000.0;
  }
}
