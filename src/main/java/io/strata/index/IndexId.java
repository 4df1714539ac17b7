package io.strata.index;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Names one index: a tenant's events of one UTC day in one retention class. Its directory under the
 * tenant's is the day ({@code 2026-12-01}) for the default class, and the day and the class ({@code
 * 2026-12-01.payments}) for a stream's, so indexes written before retention classes existed are the
 * default class's.
 */
public record IndexId(String tenant, LocalDate day, String retentionClass) {

  /** The class of events no retention stream selects. */
  public static final String DEFAULT_CLASS = "default";

  /** The directory name of this index under its tenant's. */
  public String directoryName() {
    return retentionClass.equals(DEFAULT_CLASS) ? day.toString() : day + "." + retentionClass;
  }

  /**
   * The index's name within its tenant, as the API and the audit trail give it: {@code day/class},
   * e.g. {@code 2026-12-01/payments}.
   */
  public String name() {
    return day + "/" + retentionClass;
  }

  /** The index a tenant's directory {@code name} holds, or null when it holds none. */
  static IndexId parse(String tenant, String name) {
    int dot = name.indexOf('.');
    String dayPart = dot < 0 ? name : name.substring(0, dot);
    String retentionClass = dot < 0 ? DEFAULT_CLASS : name.substring(dot + 1);
    if (retentionClass.isEmpty() || retentionClass.equals(DEFAULT_CLASS) && dot >= 0) {
      return null;
    }
    try {
      return new IndexId(tenant, LocalDate.parse(dayPart), retentionClass);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A short name for logs and the audit trail: {@code tenant/day/class}. */
  @Override
  public String toString() {
    return tenant + "/" + day + "/" + retentionClass;
  }
}
