package io.strata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark tenant's parsing rules: one per service, from the busiest down (so that with 20
 * rules most events are parsed: a heavy case), each a pattern of the shapes admins write for the
 * generator's messages: an entity and its id, a duration in ms, a user. Most patterns match only
 * some of their service's messages; the others are tried and fail, which costs as much.
 */
final class ParsingRulesLoad {

  private static final String[] PATTERNS = {
    "^%{WORD:entity} %{INT:entity_id} %{GREEDY:action}",
    "^%{GREEDY:operation} in %{INT:duration_ms} ms$",
    "(?:by|for) %{USERNAME:user}$",
    "^%{WORD:verb} %{GREEDY:subject} %{INT:amount}"
  };

  private ParsingRulesLoad() {}

  static List<Map<String, Object>> rules(int count) {
    List<Map<String, Object>> rules = new ArrayList<>(count);
    String[] services = EventGenerator.SERVICES;
    for (int i = 0; i < count; i++) {
      rules.add(Map.of("name", "bench-" + i, "selector", "service:" + services[i % services.length],
          "pattern", PATTERNS[i % PATTERNS.length], "priority", count - i));
    }
    return rules;
  }
}
