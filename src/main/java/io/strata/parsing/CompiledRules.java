package io.strata.parsing;

import io.strata.index.DocumentMatcher;
import io.strata.index.MatcherScratch;
import io.strata.index.ParsedFields;
import io.strata.index.ParsingRouting;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.lucene.document.Document;

/**
 * One tenant's enabled rules as the indexer runs them: selectors compiled into one {@link
 * DocumentMatcher} in priority order, so that choosing the rule reads the event once, and only the
 * chosen rule's pattern runs.
 */
final class CompiledRules implements ParsingRouting.TenantParsing {

  /** Per thread: a reusable matcher for each rule, and the deadline wrapper. */
  private final ThreadLocal<Scratch> scratch;
  private final DocumentMatcher selectors;
  private final CompiledRule[] rules;
  private final long budgetNanos;
  private final List<ParsingRule> source;

  CompiledRules(List<ParsingRule> source, DocumentMatcher selectors, CompiledRule[] rules,
      long budgetNanos) {
    this.source = source;
    this.selectors = selectors;
    this.rules = rules;
    this.budgetNanos = budgetNanos;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(rules));
  }

  /** Whether any rule captures the event time. */
  boolean capturesTime() {
    for (CompiledRule rule : rules) {
      if (rule.capturesTime()) {
        return true;
      }
    }
    return false;
  }

  /** The stored rules this was compiled from, in priority order. */
  List<ParsingRule> source() {
    return source;
  }

  @Override
  public ParsingRouting.Outcome parse(Document document, String message, long ingestedAtMillis,
      MatcherScratch matcherScratch, ParsedFields out) {
    int chosen = selectors.firstMatch(document, matcherScratch.of(selectors));
    if (chosen < 0) {
      return ParsingRouting.Outcome.UNSELECTED;
    }
    Scratch mine = scratch.get();
    return rules[chosen].apply(message, ingestedAtMillis, budgetNanos, mine.matchers[chosen],
        mine.text, out);
  }

  private static final class Scratch {
    final Matcher[] matchers;
    final DeadlineText text = new DeadlineText();

    Scratch(CompiledRule[] rules) {
      matchers = new Matcher[rules.length];
      for (int i = 0; i < rules.length; i++) {
        matchers[i] = rules[i].newMatcher();
      }
    }
  }
}
