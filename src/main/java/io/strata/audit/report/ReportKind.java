package io.strata.audit.report;

import io.strata.infra.http.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The reports an auditor can have of a trail, by the name in {@code /api/v1/reports/{kind}}. */
public enum ReportKind {

  /** Who read which events: every search, export and live tail, with its query and range. */
  ACCESS("Access report", "Who read which events: every search, histogram, facet, field list,"
      + " event, context, trace, export, live tail and alert rule preview, with its query and"
      + " range."),
  /** Every action that changed something. */
  CHANGES("Changes report", "Every action that changed something: tenants, quotas, API keys,"
      + " saved searches, retention policies, legal holds, erasure requests."),
  /** The retention policies in force over the period, every deletion made, the legal holds. */
  RETENTION("Retention report", "The retention policies in force over the period, every"
      + " deletion they made, and the legal holds placed and released."),
  /** Every erasure of the period: its request, what became of it, and its receipt's hash. */
  ERASURES("Erasures report", "Every erasure requested or carried out over the period: who asked"
      + " for what and why, what became of it, and the SHA-256 of its receipt."),
  /** The verification of the chain over the period, its head and newest signed checkpoint. */
  INTEGRITY("Integrity report", "The hash chain recomputed over the period, its head, and its"
      + " newest checkpoint signed with the platform's key.");

  private final String title;
  private final String description;

  ReportKind(String title, String description) {
    this.title = title;
    this.description = description;
  }

  /** The kind named {@code name}; a 404 problem for any other name. */
  public static ReportKind parse(String name) {
    for (ReportKind kind : values()) {
      if (kind.slug().equals(name)) {
        return kind;
      }
    }
    throw ProblemException.notFound("There is no report '" + name + "'; the reports are "
        + String.join(", ", Arrays.stream(values()).map(ReportKind::slug).toList()) + ".");
  }

  /** The name in the path and in the audit action {@code report.<slug>}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /**
   * Whether the report has a row per event of the trail (access, changes, retention); the erasures
   * report reads events too, but has a row per erasure, its steps joined.
   */
  public boolean listsEvents() {
    return this == ACCESS || this == CHANGES || this == RETENTION;
  }

  /** Whether an event with {@code action} belongs in this report. */
  public boolean includes(String action) {
    return switch (this) {
      case ACCESS -> ReportedActions.isRead(action);
      case CHANGES -> ReportedActions.isChange(action);
      case RETENTION -> ReportedActions.isRetention(action);
      case ERASURES -> ReportedActions.isErasure(action);
      case INTEGRITY -> false;
    };
  }

  /** LIKE patterns that narrow the read of the trail to this report's actions. */
  List<String> actionPatterns() {
    return switch (this) {
      case ACCESS -> ReportedActions.readPatterns();
      case CHANGES -> ReportedActions.changePatterns();
      case RETENTION -> ReportedActions.retentionPatterns();
      case ERASURES -> ReportedActions.erasurePatterns();
      case INTEGRITY -> List.of();
    };
  }
}
