package io.strata.search;

import static org.apache.lucene.queryparser.classic.QueryParserConstants.CARAT;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.COLON;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.EOF;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.FUZZY_SLOP;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.LPAREN;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.NUMBER;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.PREFIXTERM;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.QUOTED;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.RANGEEX_START;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.RANGEIN_START;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.REGEXPTERM;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.RPAREN;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.STAR;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.TERM;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.WILDTERM;

import java.io.StringReader;
import org.apache.lucene.queryparser.charstream.FastCharStream;
import org.apache.lucene.queryparser.classic.QueryParserTokenManager;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;

/**
 * Holds a query against {@link QueryLimits} before the parser sees it, from the tokens of the
 * parser's own lexer: the same tokens the parser will read, in one pass, without recursion, and
 * without building any query. Columns are those the parser reports (offsets from 0).
 */
final class QueryScan {

  /**
   * Clauses kept for what the services add to a query (time range, paging, trace ids, the event's
   * source): Lucene refuses a search whose clauses, all told, exceed its maximum clause count.
   */
  private static final int RESERVED_CLAUSES = 16;

  private final QueryLimits limits;
  private final int maxTerms = maxTerms();
  private int depth;
  private int terms;
  private int patterns;
  /** The word a {@code ~} after it would make fuzzy, if the current clause has one. */
  private Token word;

  private QueryScan(QueryLimits limits) {
    this.limits = limits;
  }

  /** The most terms a query may hold: Lucene's maximum clause count less what the services add. */
  static int maxTerms() {
    return IndexSearcher.getMaxClauseCount() - RESERVED_CLAUSES;
  }

  /** The refusal of a query with more than {@link #maxTerms()} terms. */
  static QueryTooComplexException tooManyTerms() {
    return new QueryTooComplexException("terms", "The query has more than " + maxTerms()
        + " terms.", null);
  }

  /** Refuses {@code q} (as the parser will read it) with a 400 when it is over a limit. */
  static void check(String q, QueryLimits limits) {
    new QueryScan(limits).scan(q);
  }

  private void scan(String q) {
    QueryParserTokenManager lexer =
        new QueryParserTokenManager(new FastCharStream(new StringReader(q)));
    while (true) {
      Token token;
      try {
        token = lexer.getNextToken();
      } catch (TokenMgrError e) {
        // The parser stops at the same place, with a message of its own.
        return;
      }
      if (token.kind == EOF) {
        return;
      }
      take(token);
    }
  }

  private void take(Token token) {
    switch (token.kind) {
      case LPAREN -> {
        if (++depth > limits.maxDepth()) {
          throw new QueryTooComplexException("depth", "Parentheses nest deeper than "
              + limits.maxDepth() + " levels (column " + token.beginColumn + ").",
              token.beginColumn);
        }
      }
      // An unmatched ')' ends the parse: nothing after it can nest deeper.
      case RPAREN -> depth = Math.max(0, depth - 1);
      // The term before a colon named the field.
      case COLON -> terms--;
      case TERM, STAR, QUOTED, PREFIXTERM, RANGEIN_START, RANGEEX_START -> term();
      case WILDTERM -> {
        term();
        pattern(token, "A wildcard term", token.image.length(), "pattern-length",
            limits.maxPatternLength());
      }
      case REGEXPTERM -> {
        term();
        String regexp = token.image.substring(1, token.image.length() - 1);
        pattern(token, "A regular expression", regexp.length(), "pattern-length",
            limits.maxPatternLength());
        RegexpCost.check(regexp, token.beginColumn + 1, limits);
      }
      case FUZZY_SLOP -> {
        if (word != null) {
          pattern(word, "A fuzzy term", word.image.length(), "fuzzy-length",
              limits.maxFuzzyLength());
        }
      }
      default -> { }
    }
    // Only a plain word followed by '~' is a fuzzy term; a boost ('^' and its number) may come
    // between them.
    if (token.kind == TERM) {
      word = token;
    } else if (token.kind != CARAT && token.kind != NUMBER) {
      word = null;
    }
  }

  private void term() {
    if (++terms > maxTerms) {
      throw tooManyTerms();
    }
  }

  private void pattern(Token token, String what, int length, String limit, int maxLength) {
    if (++patterns > limits.maxPatterns()) {
      throw new QueryTooComplexException("patterns", "The query has more than "
          + limits.maxPatterns() + " regular expressions, wildcard and fuzzy terms (column "
          + token.beginColumn + ").", token.beginColumn);
    }
    if (length > maxLength) {
      throw new QueryTooComplexException(limit, what + " is longer than " + maxLength
          + " characters (column " + token.beginColumn + ").", token.beginColumn);
    }
  }
}
