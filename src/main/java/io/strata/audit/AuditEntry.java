package io.strata.audit;

import io.strata.security.Caller;
import java.util.Map;
import java.util.TreeMap;

/**
 * One action to record: who did what to which target, with which parameters, and how it ended. The
 * parameters are the request's own (query, range, ids), never the bodies of events or secrets.
 *
 * @param chain the tenant whose trail records it, or {@link #PLATFORM} for the operator's and the
 *     system's actions
 */
public record AuditEntry(String chain, Caller caller, String action, String target,
    Map<String, String> params, AuditOutcome outcome, int status) {

  /** The trail of the platform: operator actions, refused credentials, start and stop. */
  public static final String PLATFORM = "platform";

  public AuditEntry {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (params != null) {
      params.forEach((name, value) -> {
        if (value != null) {
          sorted.put(name, value);
        }
      });
    }
    params = java.util.Collections.unmodifiableSortedMap(sorted);
  }

  /** A successful action of {@code caller}, in its tenant's trail (the platform's without one). */
  public static AuditEntry success(Caller caller, String action, String target,
      Map<String, String> params) {
    return new AuditEntry(chainOf(caller), caller, action, target, params, AuditOutcome.SUCCESS, 200);
  }

  /** A successful action of {@code caller} with no parameters. */
  public static AuditEntry success(Caller caller, String action, String target) {
    return success(caller, action, target, Map.of());
  }

  /** Parameters from name, value pairs; null values are left out. */
  public static Map<String, String> params(Object... nameValues) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      if (nameValues[i + 1] != null) {
        params.put(nameValues[i].toString(), nameValues[i + 1].toString());
      }
    }
    return params;
  }

  /** The trail an action of {@code caller} belongs to. */
  public static String chainOf(Caller caller) {
    return caller.tenant() == null ? PLATFORM : caller.tenant();
  }

  /** The same entry, ended with {@code status}. */
  public AuditEntry ended(int status) {
    return new AuditEntry(chain, caller, action, target, params, AuditOutcome.ofStatus(status), status);
  }

  /** The same entry, about {@code target}. */
  public AuditEntry withTarget(String target) {
    return new AuditEntry(chain, caller, action, target, params, outcome, status);
  }

  /** The same entry, in the trail {@code chain}. */
  public AuditEntry inChain(String chain) {
    return new AuditEntry(chain, caller, action, target, params, outcome, status);
  }
}
