package io.strata.search;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Judges what the automaton of a regular expression would cost from its syntax alone, before Lucene
 * builds it: parsing a regular expression is cheap, building its automaton is not ({@code
 * a{1,100000}} takes some 16 s of CPU, {@code (a{1,100}){1,100}} a tenth of a second for a 10,000
 * state automaton that is then refused anyway).
 */
final class RegexpCost {

  /** A numeric interval {@code <n-m>} (at most ten digits a side) needs a few states per digit. */
  private static final long INTERVAL_STATES = 64;

  private RegexpCost() {}

  /**
   * Refuses {@code regexp} (the text between the slashes, found at {@code column} of the query) when
   * it nests too deep, repeats too often or would need too many states; a regular expression Lucene
   * cannot parse passes, for the query parser to report in its own words.
   */
  static void check(String regexp, int column, QueryLimits limits) {
    int deep = deeperThan(regexp, limits.maxDepth());
    if (deep >= 0) {
      throw new QueryTooComplexException("depth", "Parentheses nest deeper than "
          + limits.maxDepth() + " levels (column " + (column + deep) + ").", column + deep);
    }
    RegExp tree;
    try {
      // The parser recurses once per nesting level, which the check above bounds.
      tree = new RegExp(regexp, RegExp.ALL);
    } catch (IllegalArgumentException e) {
      return;
    }
    Walk walk = new Walk(tree, limits.maxRepeat(), limits.maxRegexpStates());
    if (walk.overRepeat != null) {
      throw tooManyRepeats(regexp, column, walk.overRepeat, limits.maxRepeat());
    }
    if (walk.states > limits.maxRegexpStates()) {
      throw new QueryTooComplexException("regexp-states", "A regular expression is too complex: its"
          + " automaton would need more than " + limits.maxRegexpStates() + " states (column "
          + column + "); nested repeats and intersections multiply.", column);
    }
  }

  private static QueryTooComplexException tooManyRepeats(String regexp, int column, RegExp repeat,
      int maxRepeat) {
    int at = repeatText(regexp, repeat);
    if (at < 0) {
      return new QueryTooComplexException("regexp-repeat", "A regular expression repeats up to "
          + maxRepeat + " times at most (column " + column + ").", column);
    }
    String text = regexp.substring(at, regexp.indexOf('}', at) + 1);
    return new QueryTooComplexException("regexp-repeat", "A regular expression repeats up to "
        + maxRepeat + " times at most (" + text + " at column " + (column + at) + ").", column + at);
  }

  /**
   * Where the first {@code (} nested deeper than {@code max} is, or -1. Skips what Lucene's regular
   * expressions read literally: escaped characters, {@code "strings"}, {@code [classes]} and {@code
   * <intervals>}, so that a literal {@code )} cannot hide a level.
   */
  static int deeperThan(String regexp, int max) {
    int depth = 0;
    int n = regexp.length();
    for (int i = 0; i < n; i++) {
      char c = regexp.charAt(i);
      switch (c) {
        case '\\' -> i++;
        case '"' -> i = endOf(regexp, i, '"');
        case '<' -> i = endOf(regexp, i, '>');
        case '[' -> i = classEnd(regexp, i);
        case '(' -> {
          if (++depth > max) {
            return i;
          }
        }
        case ')' -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
    return -1;
  }

  /**
   * Where the text of {@code repeat} ({@code {n}}, {@code {n,}} or {@code {n,m}}) starts in {@code
   * regexp}, or -1: the first repeat with the same bounds outside literal text.
   */
  private static int repeatText(String regexp, RegExp repeat) {
    int n = regexp.length();
    for (int i = 0; i < n; i++) {
      char c = regexp.charAt(i);
      switch (c) {
        case '\\' -> i++;
        case '"' -> i = endOf(regexp, i, '"');
        case '<' -> i = endOf(regexp, i, '>');
        case '[' -> i = classEnd(regexp, i);
        case '{' -> {
          if (sameBounds(regexp, i, repeat)) {
            return i;
          }
        }
        default -> { }
      }
    }
    return -1;
  }

  private static boolean sameBounds(String regexp, int open, RegExp repeat) {
    int close = regexp.indexOf('}', open);
    if (close < 0) {
      return false;
    }
    String inside = regexp.substring(open + 1, close);
    int comma = inside.indexOf(',');
    try {
      if (comma < 0) {
        int count = Integer.parseInt(inside);
        return repeat.kind == RegExp.Kind.REGEXP_REPEAT_MINMAX && repeat.min == count
            && repeat.max == count;
      }
      int min = Integer.parseInt(inside.substring(0, comma));
      String rest = inside.substring(comma + 1);
      if (rest.isEmpty()) {
        return repeat.kind == RegExp.Kind.REGEXP_REPEAT_MIN && repeat.min == min;
      }
      return repeat.kind == RegExp.Kind.REGEXP_REPEAT_MINMAX && repeat.min == min
          && repeat.max == Integer.parseInt(rest);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The index of the {@code end} that closes what opens at {@code open}, or the last index. */
  private static int endOf(String regexp, int open, char end) {
    int at = regexp.indexOf(end, open + 1);
    return at < 0 ? regexp.length() - 1 : at;
  }

  /** The index of the {@code ]} that ends the class opening at {@code open}, or the last index. */
  private static int classEnd(String regexp, int open) {
    int n = regexp.length();
    for (int i = open + 1; i < n; i++) {
      char c = regexp.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return n - 1;
  }

  /**
   * One pass over the syntax tree, without recursion (a long concatenation is as deep as it is
   * long): the first repeat over the limit, in reading order, and an upper estimate of the states
   * of the automaton Lucene would build, which concatenates, unites and copies its parts.
   */
  private static final class Walk {

    RegExp overRepeat;
    final long states;

    private final long cap;

    Walk(RegExp root, int maxRepeat, int maxStates) {
      // Saturating at just over the limit keeps every product below 2^63.
      this.cap = (long) maxStates + 1;
      Deque<RegExp> todo = new ArrayDeque<>();
      Deque<Boolean> expanded = new ArrayDeque<>();
      Deque<Long> values = new ArrayDeque<>();
      todo.push(root);
      expanded.push(false);
      while (!todo.isEmpty()) {
        RegExp node = todo.pop();
        if (!expanded.pop()) {
          if (overRepeat == null && repeatsOver(node, maxRepeat)) {
            overRepeat = node;
          }
          todo.push(node);
          expanded.push(true);
          // Pushed second, popped first: exp1's value ends up below exp2's.
          if (node.exp2 != null) {
            todo.push(node.exp2);
            expanded.push(false);
          }
          if (node.exp1 != null) {
            todo.push(node.exp1);
            expanded.push(false);
          }
          continue;
        }
        long second = node.exp2 == null ? 0 : values.pop();
        long first = node.exp1 == null ? 0 : values.pop();
        values.push(Math.min(cap, states(node, first, second)));
      }
      this.states = values.pop();
    }

    private static boolean repeatsOver(RegExp node, int maxRepeat) {
      return switch (node.kind) {
        case REGEXP_REPEAT_MIN -> node.min > maxRepeat;
        case REGEXP_REPEAT_MINMAX -> node.min > maxRepeat || node.max > maxRepeat;
        default -> false;
      };
    }

    /** The states of {@code node} from those of its parts, each already at most {@link #cap}. */
    private static long states(RegExp node, long first, long second) {
      return switch (node.kind) {
        case REGEXP_UNION, REGEXP_CONCATENATION -> first + second;
        case REGEXP_INTERSECTION -> first * second;
        case REGEXP_REPEAT_MIN -> first * ((long) node.min + 1);
        case REGEXP_REPEAT_MINMAX -> first * Math.max(1, node.max);
        case REGEXP_OPTIONAL, REGEXP_REPEAT -> first + 1;
        case REGEXP_STRING -> Math.max(1, node.s.length());
        case REGEXP_INTERVAL -> INTERVAL_STATES;
        default -> first + second + 1;
      };
    }
  }
}
