package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.export.ExportFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryClausesTest {

  @Test
  void includeQuotesTheValue() {
    assertThat(QueryClauses.include("service", "check out")).isEqualTo("service:\"check out\"");
    assertThat(QueryClauses.include("path", "a\\b \"c\" *"))
        .isEqualTo("path:\"a\\\\b \\\"c\\\" *\"");
  }

  @Test
  void excludeIsTheIncludeNegated() {
    assertThat(QueryClauses.exclude("service", "payments")).isEqualTo("NOT service:\"payments\"");
  }

  @Test
  void aClauseNarrowsTheWholeQuery() {
    assertThat(QueryClauses.and("", "level:\"ERROR\"")).isEqualTo("level:\"ERROR\"");
    assertThat(QueryClauses.and(null, "level:\"ERROR\"")).isEqualTo("level:\"ERROR\"");
    // Bracketed: without, "a OR b AND NOT c" would leave the "a" side unfiltered.
    assertThat(QueryClauses.and("a OR b ", "NOT service:\"x\""))
        .isEqualTo("(a OR b) AND NOT service:\"x\"");
  }

  @Test
  void anExportFileNamesTheTenantAndTheRangeInUtc() {
    long from = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    long to = Instant.parse("2026-12-06T11:30:15.500Z").toEpochMilli();
    assertThat(ExportLinks.fileName("acme", from, to, ExportFormat.NDJSON))
        .isEqualTo("strata-acme-20261206T100000Z-20261206T113015Z.ndjson");
    assertThat(ExportLinks.fileName("acme", from, to, ExportFormat.CSV)).endsWith(".csv");
  }
}
