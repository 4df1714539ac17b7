package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventQueryParserTest {

  private static final long NOW = Instant.parse("2024-05-01T10:30:00Z").toEpochMilli();

  private static Query parse(String q) {
    return new EventQueryParser(new StandardAnalyzer(), NOW, TestQueryLimits.defaults())
        .parseQuery(q);
  }

  private static TermQuery term(String field, String text) {
    return new TermQuery(new Term(field, text));
  }

  private static BooleanQuery all(Query... clauses) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (Query clause : clauses) {
      builder.add(clause, Occur.MUST);
    }
    return builder.build();
  }

  @Nested
  class RewriteComparisons {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
      "duration_ms:>250                  | duration_ms:{250 TO *]",
      "duration_ms:>=250                 | duration_ms:[250 TO *]",
      "duration_ms:<250                  | duration_ms:[* TO 250}",
      "duration_ms:<=250                 | duration_ms:[* TO 250]",
      "a:>1 AND b:<=2.5                  | a:{1 TO *] AND b:[* TO 2.5]",
      "(latency:>-3.5)                   | (latency:{-3.5 TO *])",
      "@timestamp:>now-1h                | @timestamp:{now-1h TO *]",
      "status:200                        | status:200",
      "a:>                               | a:>",
      "message:\"x:>5\" AND y:>5         | message:\"x:>5\" AND y:{5 TO *]",
      "message:\"say \\\"a:>1\\\"\" b:<2 | message:\"say \\\"a:>1\\\"\" b:[* TO 2}",
    })
    void rewritesComparisonsOutsideQuotes(String query, String rewritten) {
      assertThat(EventQueryParser.rewriteComparisons(query)).isEqualTo(rewritten);
    }
  }

  @Nested
  class ParseQuery {

    @Test
    void searchesBareWordsInTheMessageCombinedWithAnd() {
      assertThat(parse("Connection REFUSED"))
          .isEqualTo(all(term("message", "connection"), term("message", "refused")));
    }

    @Test
    void searchesASingleBareWordAsOneTerm() {
      assertThat(parse("Timeout")).isEqualTo(term("message", "timeout"));
    }

    @Test
    void searchesAQuotedPhraseInTheMessage() {
      assertThat(parse("\"order placed\""))
          .isEqualTo(new PhraseQuery("message", "order", "placed"));
    }

    @Test
    void matchesAFieldExactlyWithoutAnalysis() {
      assertThat(parse("service:checkout")).isEqualTo(term("service", "checkout"));
      assertThat(parse("service:Check-Out")).isEqualTo(term("service", "Check-Out"));
      assertThat(parse("user.id:u-17")).isEqualTo(term("user.id", "u-17"));
    }

    @ParameterizedTest
    @CsvSource({"error, ERROR", "ERR, ERROR", "warning, WARN", "I, INFO", "30, INFO",
        "fatal, FATAL", "loud, loud"})
    void normalisesTheLevelValue(String value, String indexed) {
      assertThat(parse("level:" + value)).isEqualTo(term("level", indexed));
    }

    @Test
    void searchesANumericRangeOnThePointField() {
      assertThat(parse("http.status:[500 TO 599]"))
          .isEqualTo(DoublePoint.newRangeQuery("http.status#num", 500, 599));
    }

    @Test
    void excludesTheBoundsOfAnExclusiveRange() {
      assertThat(parse("http.status:{500 TO 599}")).isEqualTo(DoublePoint.newRangeQuery(
          "http.status#num", Math.nextUp(500.0), Math.nextDown(599.0)));
    }

    @Test
    void turnsComparisonsIntoOpenRanges() {
      assertThat(parse("duration_ms:>250")).isEqualTo(DoublePoint.newRangeQuery(
          "duration_ms#num", Math.nextUp(250.0), Double.POSITIVE_INFINITY));
      assertThat(parse("duration_ms:>=250")).isEqualTo(DoublePoint.newRangeQuery(
          "duration_ms#num", 250.0, Double.POSITIVE_INFINITY));
      assertThat(parse("duration_ms:<0.5")).isEqualTo(DoublePoint.newRangeQuery(
          "duration_ms#num", Double.NEGATIVE_INFINITY, Math.nextDown(0.5)));
      assertThat(parse("duration_ms:<=-1")).isEqualTo(DoublePoint.newRangeQuery(
          "duration_ms#num", Double.NEGATIVE_INFINITY, -1.0));
    }

    @Test
    void keepsATextRangeOnTheTermField() {
      assertThat(parse("service:[a TO m]"))
          .isEqualTo(TermRangeQuery.newStringRange("service", "a", "m", true, true));
    }

    @Test
    void searchesTimeRangesInEpochMillis() {
      assertThat(parse("@timestamp:[now-1h TO now]"))
          .isEqualTo(LongField.newRangeQuery("@timestamp", NOW - 3_600_000L, NOW));
      assertThat(parse("@timestamp:{now-1h TO now}"))
          .isEqualTo(LongField.newRangeQuery("@timestamp", NOW - 3_600_000L + 1, NOW - 1));
      assertThat(parse("@timestamp:[2024-05-01T09:30:00Z TO *]")).isEqualTo(LongField.newRangeQuery(
          "@timestamp", Instant.parse("2024-05-01T09:30:00Z").toEpochMilli(), Long.MAX_VALUE));
      assertThat(parse("@timestamp:<now-15m")).isEqualTo(
          LongField.newRangeQuery("@timestamp", Long.MIN_VALUE, NOW - 900_000L - 1));
    }

    @Test
    void matchesANumberByItsTextOrItsExactValue() {
      BooleanQuery expected = new BooleanQuery.Builder()
          .add(term("http.status", "500"), Occur.SHOULD)
          .add(DoublePoint.newExactQuery("http.status#num", 500.0), Occur.SHOULD)
          .build();

      assertThat(parse("http.status:500")).isEqualTo(expected);
    }

    @Test
    void looksUpAHexIdStartingWithADigitByItsIndexedBytes() {
      assertThat(parse("trace_id:4bf92f3577b34da6")).isEqualTo(new TermQuery(
          new Term("trace_id", io.strata.index.IdTerms.encode("4bf92f3577b34da6"))));
      assertThat(parse("request_id:req-1")).isEqualTo(term("request_id", "req-1"));
    }

    @Test
    void supportsWildcardsAndBooleanOperators() {
      assertThat(parse("service:check*")).isEqualTo(new PrefixQuery(new Term("service", "check")));
      assertThat(parse("service:ch?ck")).isEqualTo(new WildcardQuery(new Term("service", "ch?ck")));
      assertThat(parse("*fail*")).isEqualTo(new WildcardQuery(new Term("message", "*fail*")));
      assertThat(parse("level:error -service:cart")).isEqualTo(new BooleanQuery.Builder()
          .add(term("level", "ERROR"), Occur.MUST)
          .add(term("service", "cart"), Occur.MUST_NOT)
          .build());
      assertThat(parse("service:a OR service:b")).isEqualTo(new BooleanQuery.Builder()
          .add(term("service", "a"), Occur.SHOULD)
          .add(term("service", "b"), Occur.SHOULD)
          .build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void matchesEverythingForABlankQuery(String q) {
      assertThat(parse(q)).isInstanceOf(MatchAllDocsQuery.class);
      assertThat(parse(null)).isInstanceOf(MatchAllDocsQuery.class);
    }

    @Test
    void refusesMalformedSyntaxWithStatus400AndTheColumn() {
      QueryException e = catchThrowableOfType(QueryException.class, () -> parse("foo:("));

      assertThat(e.status()).isEqualTo(400);
      assertThat(e.type()).isEqualTo("malformed-query");
      assertThat(e.extensions()).containsEntry("parameter", "q").containsEntry("column", 5);
      assertThat(e.getMessage()).startsWith("The query could not be parsed: ")
          .doesNotContain("Cannot parse");
    }

    @Test
    void refusesAnUnknownTimeWithStatus400() {
      QueryException e = catchThrowableOfType(QueryException.class,
          () -> parse("@timestamp:[yesterday TO now]"));

      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains("'yesterday' is not a time");
    }

    @Test
    void refusesAnUnbalancedQuote() {
      QueryException e = catchThrowableOfType(QueryException.class, () -> parse("\"unterminated"));

      assertThat(e.status()).isEqualTo(400);
      assertThat(e.extensions()).containsEntry("parameter", "q");
    }
  }
}
