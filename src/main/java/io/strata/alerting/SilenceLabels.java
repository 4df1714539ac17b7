package io.strata.alerting;

import java.util.HashMap;
import java.util.Map;

/**
 * The names and values a silence's matchers are compared with for one alert: the rule's labels,
 * {@code alertname} (the rule's name), {@code severity}, and the group's values, which win.
 */
final class SilenceLabels {

  private SilenceLabels() {}

  static Map<String, String> of(Map<String, String> labels, String name, String severity,
      Map<String, String> group) {
    Map<String, String> all = new HashMap<>(labels);
    all.put("alertname", name);
    all.put("severity", severity);
    all.putAll(group);
    return all;
  }
}
