package io.strata.parsing;

import io.strata.index.DocumentMatcher;
import io.strata.index.ParsingRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Parsing rules compiled without the application, for the benchmark's direct baseline: the same
 * compiled form the indexer runs, from rule bodies whose selectors are single {@code field:value}
 * terms (or empty), given in priority order.
 */
public final class ToolRules {

  private ToolRules() {}

  /** The tenant rules of {@code bodies} (name, selector, pattern, time_format?), in this order. */
  public static ParsingRouting.TenantParsing compile(List<Map<String, Object>> bodies,
      Analyzer analyzer, long budgetNanos) {
    List<Query> selectors = new ArrayList<>();
    CompiledRule[] rules = new CompiledRule[bodies.size()];
    List<ParsingRule> source = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      Map<String, Object> body = bodies.get(i);
      String selector = String.valueOf(body.getOrDefault("selector", ""));
      int colon = selector.indexOf(':');
      selectors.add(colon < 0 ? new MatchAllDocsQuery()
          : new TermQuery(new Term(selector.substring(0, colon), selector.substring(colon + 1))));
      Object format = body.get("time_format");
      rules[i] = new CompiledRule(String.valueOf(body.get("name")),
          GrokPattern.compile(String.valueOf(body.get("pattern"))),
          RuleTime.of(format == null ? null : format.toString()));
      source.add(new ParsingRule());
    }
    return new CompiledRules(source, DocumentMatcher.compile(selectors, analyzer), rules,
        budgetNanos);
  }
}
