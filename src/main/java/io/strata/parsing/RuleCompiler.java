package io.strata.parsing;

import io.strata.index.DocumentMatcher;
import io.strata.index.TenantIndexes;
import io.strata.search.EventFilters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * Compiles rules for the indexing path: patterns into regular expressions, selectors (search
 * syntax, empty for every event) into one matcher. CPU work: call on a worker thread.
 */
@ApplicationScoped
public class RuleCompiler {

  /** Highest priority first; on a tie, the rule created first, then by name. */
  static final Comparator<ParsingRule> ORDER = Comparator
      .comparingInt((ParsingRule r) -> r.priority).reversed()
      .thenComparing(r -> r.createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> r.name);

  private final EventFilters filters;
  private final TenantIndexes indexes;
  private final ParsingConfig config;

  RuleCompiler(EventFilters filters, TenantIndexes indexes, ParsingConfig config) {
    this.filters = filters;
    this.indexes = indexes;
    this.config = config;
  }

  /** One rule's pattern and time format; throws {@link IllegalArgumentException} saying why not. */
  public CompiledRule rule(String name, String pattern, String timeFormat) {
    return new CompiledRule(name, GrokPattern.compile(pattern), RuleTime.of(timeFormat));
  }

  /** The matcher of one selector; throws a problem or {@link IllegalArgumentException}. */
  public DocumentMatcher selector(String selector) {
    return DocumentMatcher.compile(List.of(query(selector)), indexes.messageAnalyzer());
  }

  /** The enabled ones of {@code rules}, in priority order, or null when none is enabled. */
  CompiledRules compile(List<ParsingRule> rules) {
    List<ParsingRule> enabled = new ArrayList<>();
    for (ParsingRule rule : rules) {
      if (rule.enabled) {
        enabled.add(rule);
      }
    }
    if (enabled.isEmpty()) {
      return null;
    }
    enabled.sort(ORDER);
    List<Query> queries = new ArrayList<>(enabled.size());
    CompiledRule[] compiled = new CompiledRule[enabled.size()];
    for (int i = 0; i < compiled.length; i++) {
      ParsingRule rule = enabled.get(i);
      queries.add(query(rule.selector));
      compiled[i] = rule(rule.name, rule.pattern, rule.timeFormat);
    }
    DocumentMatcher matcher = DocumentMatcher.compile(queries, indexes.messageAnalyzer());
    return new CompiledRules(List.copyOf(enabled), matcher, compiled,
        config.ruleTimeout().toNanos());
  }

  private Query query(String selector) {
    if (selector != null && selector.contains("@timestamp")) {
      throw new IllegalArgumentException("A selector picks events by their fields, not by time"
          + " (@timestamp).");
    }
    return filters.query(selector == null ? "" : selector);
  }
}
