package io.strata.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts a PDF report shows, and their bound. */
class ReportSummaryTest {

  @Test
  void countsByActionActorOutcomeAndQueryMostFirst() {
    ReportSummary summary = SampleTrail.acme().summary(ReportKind.ACCESS);
    assertThat(summary.events()).isEqualTo(11);
    assertThat(summary.byAction().getFirst()).isEqualTo(new ReportSummary.Count("search", 6));
    assertThat(summary.byOutcome()).containsExactly(new ReportSummary.Count("success", 10),
        new ReportSummary.Count("error", 1));
    assertThat(summary.byActor(2)).containsExactly(new ReportSummary.Count("alice (user)", 7),
        new ReportSummary.Count("ci (api_key key_eea2379785830581)", 3));
    assertThat(summary.topQueries(1)).containsExactly(
        new ReportSummary.Count("level:ERROR AND service:checkout", 3));
    assertThat(summary.first()).isEqualTo(SampleTrail.START.plusSeconds(5 * 60));
    assertThat(summary.last()).isEqualTo(SampleTrail.START.plusSeconds(95 * 60));
    assertThat(summary.newest().getFirst().seq()).isEqualTo(17);
  }

  @Test
  void distinctQueriesPastTheBoundAreCountedTogether() {
    SampleTrail trail = new SampleTrail();
    int extra = 5;
    for (int i = 0; i < ReportSummary.MAX_DISTINCT + extra; i++) {
      trail.add(i, "api_key", "k_1", "bot", "search", null, Map.of("q", "q" + i), "success", 200);
    }
    ReportSummary summary = trail.summary(ReportKind.ACCESS);
    assertThat(summary.events()).isEqualTo(ReportSummary.MAX_DISTINCT + extra);
    assertThat(summary.topQueries(1)).containsExactly(
        new ReportSummary.Count(ReportSummary.OTHERS, extra));
    assertThat(summary.newest()).hasSize(ReportSummary.KEPT_EVENTS);
  }
}
