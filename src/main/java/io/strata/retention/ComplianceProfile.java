package io.strata.retention;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A compliance regime whose minimum retention a policy must keep: the API refuses a policy that
 * keeps any class of events for less.
 */
public enum ComplianceProfile {

  /** No floor. */
  NONE("none", 0),
  /** PCI DSS v4.0.1 10.5.1: at least 12 months (all of it searchable online, which Strata is). */
  PCI_DSS("pci-dss", 365),
  /** HIPAA 45 CFR 164.316(b)(2): six years. */
  HIPAA("hipaa", 2190),
  /** SOX (SEC rule 2-06 of Regulation S-X): seven years. */
  SOX("sox", 2555);

  private final String label;
  private final int minDays;

  ComplianceProfile(String label, int minDays) {
    this.label = label;
    this.minDays = minDays;
  }

  /** The name used in the API. */
  public String label() {
    return label;
  }

  /** The fewest days any class of events may be kept under this profile. */
  public int minDays() {
    return minDays;
  }

  /** The profile named {@code label}, or null when there is none. */
  public static ComplianceProfile of(String label) {
    for (ComplianceProfile profile : values()) {
      if (profile.label.equals(label)) {
        return profile;
      }
    }
    return null;
  }

  /** The names the API accepts, for error messages. */
  static String labels() {
    return Arrays.stream(values()).map(ComplianceProfile::label).collect(Collectors.joining(", "));
  }
}
