package io.strata.index;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One indexing thread's evaluation state for whichever {@link DocumentMatcher}s it runs: each
 * tenant's policy has its own matcher, and a policy change brings a new one.
 *
 * <p>Caution: not thread-safe; one per thread.
 */
public final class MatcherScratch {

  /** Beyond this many matchers (policies changed often), forget the old ones. */
  private static final int MAX_KEPT = 256;

  private final Map<DocumentMatcher, DocumentMatcher.Evaluation> evaluations =
      new IdentityHashMap<>();
  private DocumentMatcher last;
  private DocumentMatcher.Evaluation lastEvaluation;

  /** This thread's evaluation state for {@code matcher}. */
  public DocumentMatcher.Evaluation of(DocumentMatcher matcher) {
    if (matcher == last) {
      return lastEvaluation;
    }
    DocumentMatcher.Evaluation evaluation = evaluations.get(matcher);
    if (evaluation == null) {
      if (evaluations.size() >= MAX_KEPT) {
        evaluations.clear();
      }
      evaluation = matcher.newEvaluation();
      evaluations.put(matcher, evaluation);
    }
    last = matcher;
    lastEvaluation = evaluation;
    return evaluation;
  }
}
