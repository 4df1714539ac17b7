package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of issue 9 and their neighbours: each is refused with a 400 naming its limit, long
 * before it could cost what it did unguarded (16 s for {@code /a{1,100000}/}, 18.7 s for 200,000
 * words, a StackOverflowError for 5,000 parentheses); ordinary queries near the limits still parse.
 */
class QueryLimitsTest {

  private static final long NOW = Instant.parse("2024-05-01T10:30:00Z").toEpochMilli();
  private static final QueryLimits LIMITS = TestQueryLimits.defaults();
  /** Generous: what is refused here costs milliseconds, the attacks unguarded cost seconds. */
  private static final Duration QUICKLY = Duration.ofSeconds(2);

  private static Query parse(String q, QueryLimits limits) {
    return new EventQueryParser(new StandardAnalyzer(), NOW, limits).parseQuery(q);
  }

  private static Query parse(String q) {
    return parse(q, LIMITS);
  }

  /** The problem {@code q} is refused with, within {@link #QUICKLY}. */
  private static QueryTooComplexException refusal(String q) {
    return assertTimeoutPreemptively(QUICKLY, () -> {
      try {
        parse(q);
      } catch (QueryTooComplexException e) {
        return e;
      }
      throw new AssertionError("accepted: " + abbreviate(q));
    });
  }

  private static String abbreviate(String q) {
    return q.length() < 100 ? q : q.substring(0, 100) + "...";
  }

  private static String nested(int depth, String inner) {
    return "(".repeat(depth) + inner + ")".repeat(depth);
  }

  @Test
  void hasTheDocumentedDefaults() {
    assertThat(LIMITS.maxLength()).isEqualTo(16384);
    assertThat(LIMITS.maxDepth()).isEqualTo(32);
    assertThat(LIMITS.maxPatterns()).isEqualTo(10);
    assertThat(LIMITS.maxPatternLength()).isEqualTo(1000);
    assertThat(LIMITS.maxFuzzyLength()).isEqualTo(100);
    assertThat(LIMITS.maxRepeat()).isEqualTo(100);
    assertThat(LIMITS.maxRegexpStates()).isEqualTo(2000);
    assertThat(LIMITS.determinizeWorkLimit()).isEqualTo(10000);
  }

  @Test
  void refusesAHugeRepeatCountNamingItAndItsColumn() {
    QueryTooComplexException e = refusal("/a{1,100000}/");

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo("query-too-complex");
    assertThat(e.getMessage())
        .isEqualTo("A regular expression repeats up to 100 times at most ({1,100000} at column 2).");
    assertThat(e.extensions()).containsEntry("parameter", "q").containsEntry("limit", "regexp-repeat")
        .containsEntry("column", 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a{101}/", "/a{101,}/", "/(ab){0,500}/", "message:/x[0-9]{5000,9000}y/"})
  void refusesEveryFormOfRepeatOverTheLimit(String q) {
    assertThat(refusal(q).extensions()).containsEntry("limit", "regexp-repeat");
  }

  @Test
  void findsTheRepeatThatIsOverTheLimitAmongOthers() {
    QueryTooComplexException e = refusal("level:ERROR AND /a{2,5}b{3}[{]{1,200}/");

    assertThat(e.getMessage()).contains("({1,200} at column 30)");
    assertThat(e.extensions()).containsEntry("column", 30);
  }

  @Test
  void refusesNestedRepeatsThatMultiplyBeyondTheStateBudget() {
    QueryTooComplexException e = refusal("service:api AND /(a{1,100}){1,100}/");

    assertThat(e.getMessage()).isEqualTo("A regular expression is too complex: its automaton would"
        + " need more than 2000 states (column 17); nested repeats and intersections multiply.");
    assertThat(e.extensions()).containsEntry("limit", "regexp-states").containsEntry("column", 17);
  }

  @Test
  void refusesIntersectionsThatMultiplyBeyondTheStateBudget() {
    String q = "/(.*a.*)&(.*b.*)&(.*c.*)&(.*d.*)&(.*e.*)&(.*f.*)&(.*g.*)&(.*h.*)/";

    assertThat(refusal(q).extensions()).containsEntry("limit", "regexp-states");
  }

  @Test
  void refusesFiveThousandNestedParenthesesWithoutOverflowingTheStack() {
    QueryTooComplexException e = refusal(nested(5000, "a"));

    assertThat(e.getMessage()).isEqualTo("Parentheses nest deeper than 32 levels (column 32).");
    assertThat(e.extensions()).containsEntry("limit", "depth").containsEntry("column", 32);
  }

  @Test
  void aParenthesisInAPhraseOrARangeHidesNoLevel() {
    // Each level also holds a ')' the lexer reads as text: none of them may close a level.
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      q.append("(\")\" x:[) TO )] y\\) ");
    }
    QueryTooComplexException e = refusal(q.toString());

    assertThat(e.extensions()).containsEntry("limit", "depth");
  }

  @Test
  void refusesParenthesesNestedTooDeepInsideARegularExpression() {
    QueryTooComplexException e = refusal("/" + nested(40, "a") + "/");

    assertThat(e.extensions()).containsEntry("limit", "depth").containsEntry("column", 33);
  }

  @Test
  void aLiteralParenthesisInARegularExpressionHidesNoLevel() {
    String q = "/" + "([)]\")\"\\)".repeat(40) + "a" + ")".repeat(40) + "/";

    assertThat(refusal(q).extensions()).containsEntry("limit", "depth");
  }

  @Test
  void refusesAQueryLongerThanTheLimitBeforeLookingAtIt() {
    QueryTooComplexException e = refusal("x".repeat(16385));

    assertThat(e.getMessage()).isEqualTo("The query is longer than 16384 characters.");
    assertThat(e.extensions()).containsEntry("limit", "q-length").doesNotContainKey("column");
  }

  @Test
  void refusesTwoHundredThousandWords() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      q.append("w").append(i % 1000).append(' ');
    }
    assertThat(refusal(q.toString()).extensions()).containsEntry("limit", "q-length");
  }

  @Test
  void refusesMoreTermsThanLuceneAllowsClausesWithoutBuildingThem() {
    QueryTooComplexException e = refusal("a ".repeat(8000));

    assertThat(e.getMessage()).isEqualTo("The query has more than 1008 terms.");
    assertThat(e.extensions()).containsEntry("limit", "terms");
  }

  @Test
  void countsClausesAsLuceneWillWhenItSearches() {
    // Two words for the scan; the analyser splits each into 601 terms, in a group of its own, and
    // Lucene would refuse the search for its 1,202 clauses.
    QueryTooComplexException e =
        refusal("(" + "w-".repeat(600) + "w) (" + "v-".repeat(600) + "v)");

    assertThat(e.extensions()).containsEntry("limit", "terms");
    // A phrase is one clause for Lucene, however many words it has.
    assertThatCode(() -> parse("\"" + "w ".repeat(1100) + "\"")).doesNotThrowAnyException();
  }

  @Test
  void aFieldNameIsNotATerm() {
    // 900 clauses of two words each: under the 1,008 terms only if field names do not count.
    assertThatCode(() -> parse("service:checkout ".repeat(900))).doesNotThrowAnyException();
  }

  @Test
  void refusesTooManyPatternsNamingTheFirstOverTheLimit() {
    String q = "*a* ".repeat(10) + "/b.c/";
    QueryTooComplexException e = refusal(q);

    assertThat(e.getMessage())
        .isEqualTo("The query has more than 10 regular expressions, wildcard and fuzzy terms (column 40).");
    assertThat(e.extensions()).containsEntry("limit", "patterns").containsEntry("column", 40);
  }

  @Test
  void countsFuzzyTermsAsPatternsButNotPrefixesOrPhraseSlop() {
    assertThat(refusal("word~ ".repeat(11)).extensions()).containsEntry("limit", "patterns");
    assertThat(refusal("word^2~ ".repeat(11)).extensions()).containsEntry("limit", "patterns");
    assertThatCode(() -> parse("pay* ".repeat(50) + "\"a b\"~3 ".repeat(50)))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesARegularExpressionLongerThanTheLimit() {
    QueryTooComplexException e = refusal("x /" + "a".repeat(1001) + "/");

    assertThat(e.getMessage()).isEqualTo("A regular expression is longer than 1000 characters (column 2).");
    assertThat(e.extensions()).containsEntry("limit", "pattern-length").containsEntry("column", 2);
  }

  @Test
  void refusesAWildcardTermLongerThanTheLimit() {
    QueryTooComplexException e = refusal("*" + "a".repeat(1000) + "?");

    assertThat(e.getMessage()).startsWith("A wildcard term is longer than 1000 characters");
    assertThat(e.extensions()).containsEntry("limit", "pattern-length");
  }

  @Test
  void refusesAFuzzyTermLongerThanTheLimit() {
    QueryTooComplexException e = refusal("message:" + "a".repeat(101) + "~2");

    assertThat(e.getMessage()).isEqualTo("A fuzzy term is longer than 100 characters (column 8).");
    assertThat(e.extensions()).containsEntry("limit", "fuzzy-length").containsEntry("column", 8);
  }

  @Test
  void refusesARegularExpressionTooComplexToDeterminize() {
    QueryTooComplexException e = refusal("/[ab]*a[ab]{20}/");

    assertThat(e.getMessage()).startsWith("The regular expression /[ab]*a[ab]{20}/ is too complex to run");
    assertThat(e.extensions()).containsEntry("limit", "determinize");
  }

  @Test
  void refusesAWildcardTooComplexToDeterminize() {
    QueryTooComplexException e = refusal("*a" + "?".repeat(30));

    assertThat(e.getMessage()).startsWith("The wildcard term *a??").contains("too complex to run");
    assertThat(e.extensions()).containsEntry("limit", "determinize");
  }

  @Test
  void limitsAreConfigurable() {
    QueryLimits strict = TestQueryLimits.with(Map.of("strata.search.query.max-depth", "2",
        "strata.search.query.max-length", "20"));

    assertThatCode(() -> parse(nested(2, "a"), strict)).doesNotThrowAnyException();
    assertThatCode(() -> parse(nested(3, "a"), strict))
        .isInstanceOf(QueryTooComplexException.class).hasMessageContaining("deeper than 2 levels");
    assertThatCode(() -> parse("a".repeat(21), strict))
        .isInstanceOf(QueryTooComplexException.class).hasMessageContaining("longer than 20");
  }

  @Test
  void aStackOverflowIsAProblemNotAnError() throws InterruptedException {
    // Limits that let 5,000 levels through to Lucene, on a thread with a small stack: the backstop
    // for a stack smaller than the depth limit was sized for.
    QueryLimits lax = TestQueryLimits.with(Map.of("strata.search.query.max-depth", "100000"));
    // Loads the parser's classes first: a class whose initialisation overflowed would stay broken.
    parse(nested(3, "a"), lax);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        parse(nested(5000, "a"), lax);
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "small-stack", 128 * 1024);
    small.start();
    small.join();

    assertThat(thrown.get()).isInstanceOf(QueryTooComplexException.class)
        .hasMessage("The query nests too deeply to be parsed.");
    assertThat(((QueryTooComplexException) thrown.get()).extensions())
        .containsEntry("limit", "depth");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/err.r/",
    "message:/a{2,5}/",
    "/[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}/",
    "/timeout.{0,100}/",
    "/(GET|POST|PUT|DELETE) \\/api\\/.*/",
    "/a{100}/",
    "/(a{10}){10}/",
    "/<1-65535>/",
    "*timeout* AND host:web-?? AND service:check*",
    "paymnet~2 AND declined~",
    "duration_ms:>250 AND http.status:[500 TO 599]",
    "\"((((((((((((((((((((((((((((((((((((((((\"",
  })
  void stillParsesOrdinaryQueries(String q) {
    assertThatCode(() -> parse(q)).doesNotThrowAnyException();
  }

  @Test
  void stillParsesThirtyTwoLevelsOfParentheses() {
    assertThatCode(() -> parse(nested(32, "level:ERROR"))).doesNotThrowAnyException();
    assertThatCode(() -> parse("/" + nested(32, "a") + "/")).doesNotThrowAnyException();
  }

  @Test
  void stillParsesALiteralRegularExpressionOfTheFullLength() {
    assertThatCode(() -> parse("/" + "abcdefghij".repeat(100) + "/")).doesNotThrowAnyException();
  }

  @Test
  void stillParsesTenWildcardsAndATenKilobyteQuery() {
    assertThatCode(() -> parse("*a* ".repeat(10))).doesNotThrowAnyException();
    StringBuilder q = new StringBuilder();
    for (int i = 0; q.length() < 10_240; i++) {
      q.append(i % 2 == 0 ? " AND " : " OR ").append("service:svc").append(i);
    }
    assertThatCode(() -> parse("(" + q.substring(5) + ")")).doesNotThrowAnyException();
  }

  @Test
  void inFieldNamesTheBodyMember() {
    QueryException e = new QueryException("bad", 3).inField("q");

    assertThat(e.extensions()).containsEntry("field", "q").containsEntry("column", 3)
        .doesNotContainKey("parameter");
  }
}
