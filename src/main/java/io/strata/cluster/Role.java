package io.strata.cluster;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a node does ({@code STRATA_ROLES}); one artifact, so that each part of the work can be scaled
 * on its own.
 */
public enum Role {
  /** Takes events: the HTTP ingest APIs (native, OTLP, Loki, Elasticsearch bulk) and syslog. */
  INGEST,
  /** Consumes the event topic into Lucene indexes on local disk and answers other nodes' reads. */
  INDEX,
  /** Answers the query, tail and management APIs for the whole cluster. */
  SEARCH,
  /** Serves the web console. */
  CONSOLE,
  /** Runs the jobs that must run once per cluster (alert evaluation, audit checkpoints, ...). */
  JOBS;

  /** The configuration name, as in {@code STRATA_ROLES=ingest,search}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list of role names (case-insensitive); blank means every role.
   *
   * @throws IllegalArgumentException naming the unknown role
   */
  public static Set<Role> parse(String list) {
    if (list == null || list.isBlank()) {
      return EnumSet.allOf(Role.class);
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : list.split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        roles.add(valueOf(trimmed.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("STRATA_ROLES: unknown role '" + trimmed
            + "'; the roles are ingest, index, search, console, jobs");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("STRATA_ROLES names no role");
    }
    return roles;
  }

  /** The roles as configured, e.g. {@code ingest,index}. */
  public static String format(Set<Role> roles) {
    return String.join(",", roles.stream().map(Role::configName).toList());
  }
}
