package io.strata.ui.search;

import java.util.List;
import java.util.Locale;

/**
 * Completes the word being typed at the end of a query to a field name followed by {@code :}, from
 * the fields present in the range. Only a bare word is completed: not a quoted phrase, a value
 * after {@code field:}, or an operator's letters once a space follows them.
 */
final class FieldNameCompletion {

  private FieldNameCompletion() {}

  /** At most {@code max} field names that the last word of {@code text} starts, in their order. */
  static List<String> suggest(String text, List<String> names, int max) {
    String word = lastWord(text);
    if (word.isEmpty()) {
      return List.of();
    }
    String prefix = word.toLowerCase(Locale.ROOT);
    return names.stream()
        .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix) && !n.equals(word))
        .limit(max).toList();
  }

  /** {@code text} with its last word replaced by {@code name:}. */
  static String complete(String text, String name) {
    String word = lastWord(text);
    return text.substring(0, text.length() - word.length()) + name + ":";
  }

  /** The word at the end of {@code text}; empty when none may be completed there. */
  static String lastWord(String text) {
    if (text == null || text.isEmpty() || text.chars().filter(c -> c == '"').count() % 2 == 1) {
      return "";
    }
    int start = text.length();
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))
        && "()+-!".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    String word = text.substring(start);
    return word.contains(":") || word.contains("\"") ? "" : word;
  }
}
