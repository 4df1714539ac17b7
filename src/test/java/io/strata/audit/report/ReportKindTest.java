package io.strata.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which actions each report takes, and the SQL patterns that pre-select them. */
class ReportKindTest {

  private static final List<String> RECORDED_TODAY = List.of("search", "histogram", "facets",
      "fields", "event", "context", "trace", "export", "tail.start", "tail.end", "tenant.create",
      "tenant.update", "key.create", "key.revoke", "saved_search.create", "saved_search.update",
      "saved_search.delete", "audit.read", "audit.export", "audit.verify", "auth.refused",
      "console.sign_in", "platform.start", "platform.stop", "report.access", "report.changes",
      "retention.update", "retention.delete", "hold.create", "hold.release", "erasure.request",
      "erasure.cancel", "erasure.block", "erasure.start", "erasure.complete");

  @Test
  void accessTakesEveryReadOfEventsAndNothingElse() {
    assertThat(RECORDED_TODAY.stream().filter(ReportKind.ACCESS::includes)).containsExactly(
        "search", "histogram", "facets", "fields", "event", "context", "trace", "export",
        "tail.start", "tail.end");
  }

  @Test
  void changesTakeEveryActionThatChangesSomethingAndNothingElse() {
    assertThat(RECORDED_TODAY.stream().filter(ReportKind.CHANGES::includes)).containsExactly(
        "tenant.create", "tenant.update", "key.create", "key.revoke", "saved_search.create",
        "saved_search.update", "saved_search.delete", "retention.update", "hold.create",
        "hold.release", "erasure.request", "erasure.cancel");
    // Actions yet to come: a change by its area or by its verb.
    assertThat(ReportKind.CHANGES.includes("tenant.suspend")).isTrue();
    assertThat(ReportKind.CHANGES.includes("retention_policy.update")).isTrue();
    assertThat(ReportKind.CHANGES.includes("alert.delete")).isTrue();
    assertThat(ReportKind.CHANGES.includes("create")).isFalse();
  }

  @Test
  void whatThePlatformDoesItselfIsNoChangeButIsInTheRetentionAndErasuresReports() {
    // retention.delete has a change's verb, but it is the policy carried out, not a decision.
    assertThat(ReportKind.CHANGES.includes("retention.delete")).isFalse();
    assertThat(RECORDED_TODAY.stream().filter(ReportKind.RETENTION::includes)).containsExactly(
        "retention.update", "retention.delete", "hold.create", "hold.release");
    assertThat(RECORDED_TODAY.stream().filter(ReportKind.ERASURES::includes)).containsExactly(
        "erasure.request", "erasure.cancel", "erasure.block", "erasure.start",
        "erasure.complete");
    assertThat(ReportKind.RETENTION.listsEvents()).isTrue();
    assertThat(ReportKind.ERASURES.listsEvents()).isFalse();
  }

  @Test
  void theSqlPatternsSelectEveryActionOfTheReport() {
    List<String> candidates = new java.util.ArrayList<>(RECORDED_TODAY);
    candidates.addAll(List.of("tenant.suspend", "retention_policy.update", "alert.delete",
        "savedXsearch.create", "a.b.create"));
    for (ReportKind kind : List.of(ReportKind.ACCESS, ReportKind.CHANGES, ReportKind.RETENTION,
        ReportKind.ERASURES)) {
      List<Pattern> patterns = kind.actionPatterns().stream().map(ReportKindTest::like).toList();
      for (String action : candidates) {
        boolean selected = patterns.stream().anyMatch(p -> p.matcher(action).matches());
        if (kind.includes(action)) {
          assertThat(selected).as("%s selects %s", kind, action).isTrue();
        } else if (kind == ReportKind.RETENTION || kind == ReportKind.ERASURES) {
          // Their patterns are exact: nothing else is read.
          assertThat(selected).as("%s does not select %s", kind, action).isFalse();
        }
      }
    }
    // The underscore of saved_search is escaped: it is not LIKE's any-character.
    assertThat(ReportKind.CHANGES.actionPatterns()).contains("saved\\_search.%");
    assertThat(ReportKind.ACCESS.actionPatterns().stream().map(ReportKindTest::like)
        .anyMatch(p -> p.matcher("tailXstart").matches())).isFalse();
  }

  @Test
  void anUnknownKindIsNotFoundAndABadFormatNamesTheParameter() {
    assertThat(ReportKind.parse("access")).isEqualTo(ReportKind.ACCESS);
    assertThatThrownBy(() -> ReportKind.parse("everything")).isInstanceOfSatisfying(
        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(ReportFormat.parse(null)).isEqualTo(ReportFormat.CSV);
    assertThat(ReportFormat.parse("PDF")).isEqualTo(ReportFormat.PDF);
    assertThatThrownBy(() -> ReportFormat.parse("xlsx")).isInstanceOfSatisfying(
        ProblemException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.extensions()).containsEntry("parameter", "format");
        });
  }

  /** A SQL LIKE pattern (backslash escapes) as a regular expression. */
  private static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
