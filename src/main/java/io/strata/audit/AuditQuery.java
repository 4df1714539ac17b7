package io.strata.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a reader of the trail asks for, as typed: a range ({@code from}, {@code to} as search takes
 * them) and the actor, action and outcome to keep. Every field may be null or blank (no filter).
 */
public record AuditQuery(String from, String to, String actor, String action, String outcome) {

  /** No filter: the whole trail. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null);
  }

  /** The query as the parameters of its audit event (blank ones left out). */
  public Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "from", from);
    put(params, "to", to);
    put(params, "actor", actor);
    put(params, "action", action);
    put(params, "outcome", outcome);
    return params;
  }

  private static void put(Map<String, String> params, String name, String value) {
    if (value != null && !value.isBlank()) {
      params.put(name, value);
    }
  }
}
