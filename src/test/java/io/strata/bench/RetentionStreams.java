package io.strata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark tenant's retention policy: everything kept, with N streams with selectors of the shapes tenants write (a service, a level
 * in an environment, a host prefix, a service in a level), over the generator's fields. Most events
 * match none of the first streams, so the indexer tries many selectors per event: a heavy case.
 */
final class RetentionStreams {

  /** Days kept: real log files hold events years old, and none may expire on arrival here. */
  private static final int KEEP = 36_500;

  private RetentionStreams() {}

  /**
   * A policy of {@code streams} streams; {@code unmatched}: their selectors name values no event
   * has, so that every event tries them all and stays in the default class.
   */
  static Map<String, Object> policy(int streams, boolean unmatched) {
    String none = unmatched ? "none-" : "";
    String[] services = EventGenerator.SERVICES;
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      String service = none + services[(services.length - 1 - i % services.length)];
      String selector = switch (i % 4) {
        case 0 -> "service:" + service;
        case 1 -> "level:ERROR AND environment:staging AND service:" + service;
        case 2 -> "host:" + none + "node-1" + (i % 10) + "* AND level:WARN";
        default -> "(service:" + service + " OR environment:" + none + "dev) AND level:DEBUG";
      };
      list.add(Map.of("name", "s" + i, "selector", selector, "days", KEEP - i,
          "priority", streams - i));
    }
    return Map.of("default_days", KEEP, "streams", list);
  }
}
