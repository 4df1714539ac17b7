package io.strata.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.infra.http.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {

  private static final RetentionRules.SelectorCheck ANY = selector -> { };

  private static RetentionPolicy policy(Integer defaultDays, String profile, Integer maxDays,
      RetentionStream... streams) {
    return new RetentionPolicy(defaultDays, List.of(streams), profile, maxDays, null, null);
  }

  private static ProblemException refused(RetentionPolicy policy, Integer tenantMax) {
    return assertThrows(ProblemException.class,
        () -> RetentionRules.validate(policy, tenantMax, ANY));
  }

  @Test
  void fillsInTheDefaults() {
    RetentionPolicy valid = RetentionRules.validate(new RetentionPolicy(30, null, null, null, null,
        null), null, ANY);
    assertEquals("none", valid.profile());
    assertEquals(List.of(), valid.streams());
    RetentionPolicy withStream = RetentionRules.validate(policy(30, null, null,
        new RetentionStream("payments", " service:payments ", 90, null)), null, ANY);
    assertEquals(new RetentionStream("payments", "service:payments", 90, 0),
        withStream.streams().getFirst());
  }

  @Test
  void aProfileIsAFloorForEveryClass() {
    ProblemException stream = refused(policy(400, "pci-dss", null,
        new RetentionStream("debug", "level:DEBUG", 14, 1)), null);
    assertEquals("streams[0].days", stream.extensions().get("field"));
    assertEquals("debug", stream.extensions().get("stream"));
    assertEquals("pci-dss minimum 365 days", stream.extensions().get("bound"));
    ProblemException defaults = refused(policy(2000, "sox", null), null);
    assertEquals("default_days", defaults.extensions().get("field"));
    assertEquals("sox minimum 2555 days", defaults.extensions().get("bound"));
    RetentionRules.validate(policy(2190, "hipaa", null), null, ANY);
  }

  @Test
  void theCeilingsAreTheTenantsMaxDaysAndTheOperatorsMaximum() {
    ProblemException own = refused(policy(30, null, 60,
        new RetentionStream("a", "service:a", 61, 0)), null);
    assertEquals("max_days 60", own.extensions().get("bound"));
    ProblemException operator = refused(policy(30, null, null,
        new RetentionStream("a", "service:a", 400, 0)), 365);
    assertEquals("max_retention_days 365", operator.extensions().get("bound"));
    ProblemException contradictory = refused(policy(400, "pci-dss", 100), null);
    assertEquals("max_days", contradictory.extensions().get("field"));
  }

  @Test
  void namesAreCheckedAndSelectorsAsked() {
    assertEquals("streams[1].name", refused(policy(30, null, null,
        new RetentionStream("a", "x:1", 9, 0), new RetentionStream("a", "x:2", 9, 0)), null)
        .extensions().get("field"));
    assertEquals("streams[0].name", refused(policy(30, null, null,
        new RetentionStream("default", "x:1", 9, 0)), null).extensions().get("field"));
    assertEquals("streams[0].name", refused(policy(30, null, null,
        new RetentionStream("Has Space", "x:1", 9, 0)), null).extensions().get("field"));
    ProblemException selector = assertThrows(ProblemException.class, () -> RetentionRules.validate(
        policy(30, null, null, new RetentionStream("a", "x:(", 9, 0)), null, s -> {
          throw new IllegalArgumentException("cannot parse");
        }));
    assertEquals("streams[0].selector", selector.extensions().get("field"));
    assertEquals("profile", refused(policy(30, "gdpr", null), null).extensions().get("field"));
    assertEquals("default_days", refused(policy(0, null, null), null).extensions().get("field"));
    assertEquals("default_days", refused(policy(null, null, null), null).extensions().get("field"));
  }

  @Test
  void aClassNoLongerInThePolicyIsKeptForTheDefault() {
    RetentionPolicy policy = policy(30, null, null, new RetentionStream("p", "s:p", 90, 0));
    assertEquals(90, policy.daysOf("p"));
    assertEquals(30, policy.daysOf("removed"));
    assertEquals(30, policy.daysOf("default"));
    assertEquals(90, policy.longestDays());
  }

  @Test
  void anIndexExpiresOnceItsNewestEventIsOlderThanItsDays() {
    assertEquals(Instant.parse("2026-12-11T00:00:00Z"),
        IndexExpiry.expiresAt(LocalDate.parse("2026-12-01"), 9));
  }
}
