package io.strata.search;

import io.strata.infra.time.TimeExpressions;
import io.strata.index.IdTerms;
import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.Level;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Lucene query syntax over events: bare words and phrases search the message, {@code field:value}
 * matches a field exactly, {@code field:[a TO b]} and {@code field:>250} compare numbers (and times
 * for {@code @timestamp}), with wildcards and boolean operators. Words are combined with AND, as in
 * most log search tools.
 *
 * <p>A query over one of the {@link QueryLimits} is refused before it is parsed: within them a query
 * takes milliseconds to parse, and at worst (every pattern it may hold just under the determinize
 * work limit) about a second of one core.
 *
 * <p>Caution: like Lucene's parser it is not thread-safe; make one per query.
 */
final class EventQueryParser extends QueryParser {

  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  private final long nowMillis;
  private final QueryLimits limits;

  EventQueryParser(Analyzer messageAnalyzer, long nowMillis, QueryLimits limits) {
    super(EventFields.MESSAGE, new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
        Map.of(EventFields.MESSAGE, messageAnalyzer)));
    this.nowMillis = nowMillis;
    this.limits = limits;
    setDefaultOperator(QueryParser.AND_OPERATOR);
    setAllowLeadingWildcard(true);
    setDeterminizeWorkLimit(limits.determinizeWorkLimit());
  }

  /**
   * Parses {@code q}; blank matches every event. Throws {@link QueryException} with the column, or
   * {@link QueryTooComplexException} naming the limit {@code q} is over.
   */
  Query parseQuery(String q) {
    if (q == null || q.isBlank()) {
      return new MatchAllDocsQuery();
    }
    // First and alone: everything after it costs time in proportion to the length.
    if (q.length() > limits.maxLength()) {
      throw new QueryTooComplexException("q-length", "The query is longer than "
          + limits.maxLength() + " characters.", null);
    }
    String text = rewriteComparisons(q);
    QueryScan.check(text, limits);
    try {
      Query query = parse(text);
      // The scan counts words as written; the analyser may split one into several ("a-b-c"), and
      // Lucene would then refuse the search, not the parse.
      if (clauses(query) > QueryScan.maxTerms()) {
        throw QueryScan.tooManyTerms();
      }
      return query;
    } catch (ParseException e) {
      String message = e.getMessage() == null ? "syntax error" : e.getMessage();
      Matcher column = COLUMN.matcher(message);
      int newline = message.indexOf('\n');
      String first = newline > 0 ? message.substring(0, newline) : message;
      throw new QueryException("The query could not be parsed: " + first.replace("Cannot parse '"
          + text + "': ", ""), column.find() ? Integer.valueOf(column.group(1)) : null);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("The query expands to too many terms; make wildcards more specific.", null);
    } catch (IllegalArgumentException e) {
      throw new QueryException("The query could not be parsed: " + e.getMessage(), null);
    } catch (StackOverflowError e) {
      // The scan bounds the nesting, so this is a stack far smaller than usual; still a refusal of
      // this query, not a failure of the server.
      throw new QueryTooComplexException("depth", "The query nests too deeply to be parsed.", null);
    }
  }

  /**
   * The clauses of {@code query} as Lucene counts them before a search (IndexSearcher's nested
   * clause check): one per leaf query, a phrase included, and excluded clauses too.
   */
  private static int clauses(Query query) {
    int[] count = new int[1];
    query.visit(new QueryVisitor() {
      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        return this;
      }

      @Override
      public void consumeTerms(Query leaf, Term... terms) {
        count[0]++;
      }

      @Override
      public void visitLeaf(Query leaf) {
        count[0]++;
      }
    });
    return count[0];
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    try {
      return super.getRegexpQuery(field, termStr);
    } catch (TooComplexToDeterminizeException e) {
      throw tooComplexToRun("The regular expression /" + termStr + "/");
    }
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    try {
      return super.getWildcardQuery(field, termStr);
    } catch (TooComplexToDeterminizeException e) {
      throw tooComplexToRun("The wildcard term " + termStr);
    }
  }

  private QueryTooComplexException tooComplexToRun(String what) {
    return new QueryTooComplexException("determinize", abbreviate(what) + " is too complex to run:"
        + " preparing it would take more than " + limits.determinizeWorkLimit()
        + " units of work (Lucene's determinize work limit).", null);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
    if (field.equals(EventFields.LEVEL)) {
      Level level = Level.fromText(queryText);
      return new TermQuery(new Term(field, level == null ? queryText : level.name()));
    }
    if (field.equals(IndexSchema.TIMESTAMP)) {
      long millis = time(queryText);
      return TimeField.at(millis);
    }
    if (IdTerms.FIELDS.contains(field)) {
      return new TermQuery(new Term(field, IdTerms.encode(queryText)));
    }
    if (!field.equals(EventFields.MESSAGE) && isNumber(queryText)) {
      // A number matches its text form and, for events that sent it as a number, its value.
      return new BooleanQuery.Builder()
          .add(new TermQuery(new Term(field, queryText)), BooleanClause.Occur.SHOULD)
          .add(DoublePoint.newExactQuery(IndexSchema.numeric(field), Double.parseDouble(queryText)),
              BooleanClause.Occur.SHOULD)
          .build();
    }
    return super.getFieldQuery(field, queryText, quoted);
  }

  /** An id prefix ({@code trace_id:4bf9*}) matches on the ids' bytes; see {@link IdTerms}. */
  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    if (!IdTerms.FIELDS.contains(field)) {
      return super.getPrefixQuery(field, termStr);
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder()
        .add(super.getPrefixQuery(field, termStr), BooleanClause.Occur.SHOULD);
    BytesRef[] prefixes = IdTerms.encodePrefix(termStr);
    if (prefixes != null) {
      for (BytesRef prefix : prefixes) {
        if (prefix != null) {
          any.add(new PrefixQuery(new Term(field, prefix)), BooleanClause.Occur.SHOULD);
        }
      }
    }
    return any.build();
  }

  @Override
  protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
      boolean endInclusive) throws ParseException {
    boolean openLow = part1 == null || part1.equals("*");
    boolean openHigh = part2 == null || part2.equals("*");
    if (field.equals(IndexSchema.TIMESTAMP)) {
      long low = openLow ? Long.MIN_VALUE : time(part1) + (startInclusive ? 0 : 1);
      long high = openHigh ? Long.MAX_VALUE : time(part2) - (endInclusive ? 0 : 1);
      return TimeField.range(low, high);
    }
    if ((openLow || isNumber(part1)) && (openHigh || isNumber(part2)) && !(openLow && openHigh)) {
      double low = openLow ? Double.NEGATIVE_INFINITY : Double.parseDouble(part1);
      double high = openHigh ? Double.POSITIVE_INFINITY : Double.parseDouble(part2);
      if (!openLow && !startInclusive) {
        low = Math.nextUp(low);
      }
      if (!openHigh && !endInclusive) {
        high = Math.nextDown(high);
      }
      return DoublePoint.newRangeQuery(IndexSchema.numeric(field), low, high);
    }
    return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
  }

  private long time(String text) throws ParseException {
    try {
      return TimeExpressions.parse(text, nowMillis);
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage());
    }
  }

  private static boolean isNumber(String text) {
    if (text == null || text.isEmpty() || text.length() > 40) {
      return false;
    }
    char c = text.charAt(0);
    if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
      return false;
    }
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Turns {@code field:>250}, {@code field:>=250}, {@code field:<250} and {@code field:<=250} into the
   * range syntax the classic parser knows; quoted text is left alone.
   */
  static String rewriteComparisons(String q) {
    StringBuilder out = new StringBuilder(q.length() + 16);
    boolean quoted = false;
    int n = q.length();
    for (int i = 0; i < n; i++) {
      char c = q.charAt(i);
      if (c == '"' && (i == 0 || q.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (!quoted && c == ':' && i + 1 < n && (q.charAt(i + 1) == '>' || q.charAt(i + 1) == '<')) {
        boolean greater = q.charAt(i + 1) == '>';
        int start = i + 2;
        boolean inclusive = start < n && q.charAt(start) == '=';
        if (inclusive) {
          start++;
        }
        int end = start;
        while (end < n && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != ')') {
          end++;
        }
        if (end > start) {
          String value = q.substring(start, end);
          out.append(':').append(greater
              ? (inclusive ? "[" : "{") + value + " TO *]"
              : "[* TO " + value + (inclusive ? "]" : "}"));
          i = end - 1;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
