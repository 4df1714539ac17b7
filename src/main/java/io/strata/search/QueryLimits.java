package io.strata.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much work one {@code q} may ask of the server. Without bounds a single query costs seconds of
 * CPU before it even runs: Lucene builds the automaton of {@code /a{1,100000}/} in time quadratic in
 * the repeat count, and 5,000 nested parentheses overflow the parser's stack. A query over any of
 * these is refused with a 400 problem naming the limit ({@code limit}), after a cheap scan of its
 * tokens and before the parser builds anything. The number of terms is bounded too, by Lucene's
 * maximum clause count (1,024) less 16 kept for the clauses the services add: 1,008.
 */
@ConfigMapping(prefix = "strata.search.query")
public interface QueryLimits {

  /**
   * Longest {@code q}, in characters ({@code STRATA_SEARCH_QUERY_MAX_LENGTH}). Checked before
   * anything else. Caution: a {@code q} in a GET URL is also bounded by the HTTP request line
   * ({@code quarkus.http.limits.max-initial-line-length}); POST search takes it in a JSON body.
   */
  @WithDefault("16384")
  int maxLength();

  /**
   * Deepest nesting of parentheses, in the query and inside a regular expression ({@code
   * STRATA_SEARCH_QUERY_MAX_DEPTH}). Both parsers recurse once per level.
   */
  @WithDefault("32")
  int maxDepth();

  /**
   * Most regular expressions, wildcard terms ({@code *err?r*}; a trailing {@code *} alone is a cheap
   * prefix and does not count) and fuzzy terms ({@code word~}) in one query ({@code
   * STRATA_SEARCH_QUERY_MAX_PATTERNS}). Each may cost up to {@link #determinizeWorkLimit()}.
   */
  @WithDefault("10")
  int maxPatterns();

  /**
   * Longest regular expression or wildcard term, in characters ({@code
   * STRATA_SEARCH_QUERY_MAX_PATTERN_LENGTH}).
   */
  @WithDefault("1000")
  int maxPatternLength();

  /**
   * Longest fuzzy term, in characters ({@code STRATA_SEARCH_QUERY_MAX_FUZZY_LENGTH}): its
   * Levenshtein automaton, built when the query runs, grows with the term (some 0.1 s of CPU for 1,000
   * characters).
   */
  @WithDefault("100")
  int maxFuzzyLength();

  /**
   * Highest repeat count in a regular expression: {@code {n}}, {@code {n,}} and {@code {n,m}} ({@code
   * STRATA_SEARCH_QUERY_MAX_REPEAT}). Lucene builds one copy of the repeated part per count.
   */
  @WithDefault("100")
  int maxRepeat();

  /**
   * Most automaton states a regular expression may need, as estimated from its structure before
   * Lucene builds anything ({@code STRATA_SEARCH_QUERY_MAX_REGEXP_STATES}): nested repeats and
   * intersections ({@code &}) multiply, so {@code /(a{1,100}){1,100}/} needs some 10,000 and is
   * refused although each repeat is within {@link #maxRepeat()}.
   */
  @WithDefault("2000")
  int maxRegexpStates();

  /**
   * Most work Lucene may spend making the automaton of one regular expression or wildcard term
   * deterministic ({@code STRATA_SEARCH_QUERY_DETERMINIZE_WORK_LIMIT}); beyond it the query is
   * refused. The default is Lucene's own, some tens of milliseconds of CPU at worst.
   */
  @WithDefault("10000")
  int determinizeWorkLimit();
}
