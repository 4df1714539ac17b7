package io.strata.retention;

import io.strata.index.DocumentMatcher;
import io.strata.index.IndexId;
import io.strata.index.MatcherScratch;
import io.strata.index.RetentionRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;

/**
 * One tenant's retention policy as the indexer runs it: the stream selectors in the order they are
 * tried (highest priority first; on a tie, the order the policy lists them), compiled once.
 */
final class CompiledPolicy implements RetentionRouting.ClassRouting {

  private final RetentionPolicy policy;
  private final DocumentMatcher matcher;
  private final String[] classes;
  private final Map<String, Integer> days = new HashMap<>();

  private CompiledPolicy(RetentionPolicy policy, DocumentMatcher matcher, String[] classes) {
    this.policy = policy;
    this.matcher = matcher;
    this.classes = classes;
    for (RetentionStream stream : policy.streams()) {
      days.put(stream.name(), stream.days());
    }
  }

  /** Compiles {@code policy}; its selectors must have passed {@link StreamSelectors#check}. */
  static CompiledPolicy of(RetentionPolicy policy, StreamSelectors selectors) {
    List<RetentionStream> ordered = new ArrayList<>(policy.streams());
    // List.sort is stable: streams of equal priority keep the policy's order.
    ordered.sort(Comparator.comparingInt((RetentionStream s) -> s.priority()).reversed());
    if (ordered.isEmpty()) {
      return new CompiledPolicy(policy, null, new String[0]);
    }
    DocumentMatcher matcher =
        selectors.compile(ordered.stream().map(RetentionStream::selector).toList());
    return new CompiledPolicy(policy, matcher,
        ordered.stream().map(RetentionStream::name).toArray(String[]::new));
  }

  RetentionPolicy policy() {
    return policy;
  }

  @Override
  public String classOf(Document document, MatcherScratch scratch) {
    if (matcher == null) {
      return IndexId.DEFAULT_CLASS;
    }
    int first = matcher.firstMatch(document, scratch.of(matcher));
    return first < 0 ? IndexId.DEFAULT_CLASS : classes[first];
  }

  @Override
  public int daysOf(String retentionClass) {
    Integer stream = days.get(retentionClass);
    return stream != null ? stream : policy.defaultDays();
  }
}
