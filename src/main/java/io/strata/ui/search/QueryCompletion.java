package io.strata.ui.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the query box may complete at the caret: the word being typed as a field name (completed to
 * {@code name:}), or, after {@code field:}, that field's value. Within a quoted phrase, or after a
 * range or comparison ({@code field:[}, {@code field:>}), there is nothing to complete.
 */
final class QueryCompletion {

  /** Values that need no quotes: anything else is quoted, so that it is matched as it is. */
  private static final Pattern BARE = Pattern.compile("[\\p{L}\\p{N}_.@]+");
  private static final String BOUNDARY = "()";
  private static final String PREFIX_OPERATORS = "+-!";

  /**
   * The word around the caret: it spans {@code [start, end)} of the text, and is either a field
   * name being typed ({@code field} null) or a value of {@code field}.
   */
  record Token(int start, int end, String field, String prefix) {}

  /** One choice: its label, and the whole query with the caret after it once chosen. */
  record Suggestion(String label, String text, int caret) {}

  private QueryCompletion() {}

  /** The token at {@code caret} of {@code text}, or null when nothing there can be completed. */
  static Token at(String text, int caret) {
    if (text == null || caret < 0 || caret > text.length()) {
      return null;
    }
    int quotes = 0;
    int lastQuote = -1;
    for (int i = 0; i < caret; i++) {
      if (text.charAt(i) == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quotes++;
        lastQuote = i;
      }
    }
    boolean inQuote = quotes % 2 == 1;
    if (inQuote && (lastQuote == 0 || text.charAt(lastQuote - 1) != ':')) {
      return null;
    }
    int start = inQuote ? lastQuote : caret;
    while (start > 0 && !separates(text.charAt(start - 1))) {
      start--;
    }
    while (start < caret && PREFIX_OPERATORS.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    int end = caret;
    if (!inQuote) {
      while (end < text.length() && !separates(text.charAt(end))) {
        end++;
      }
    } else if (end < text.length() && text.indexOf('"', end) >= 0) {
      // The closing quote and the rest of the phrase belong to the value being replaced.
      end = text.indexOf('"', end) + 1;
    }
    String word = text.substring(start, caret);
    if (word.isEmpty() || word.startsWith("\"")) {
      return null;
    }
    int colon = word.indexOf(':');
    if (colon < 0) {
      // A name typed into the middle of field:value replaces the name and its colon only.
      int nameEnd = text.indexOf(':', caret);
      if (nameEnd >= 0 && nameEnd < end) {
        end = nameEnd + 1;
      }
      return new Token(start, end, null, word);
    }
    String field = word.substring(0, colon);
    String value = word.substring(colon + 1);
    if (field.isEmpty() || (!value.isEmpty() && "[{<>=".indexOf(value.charAt(0)) >= 0)) {
      return null;
    }
    return new Token(start, end, field, value.startsWith("\"") ? value.substring(1) : value);
  }

  /** Field names that {@code token}'s word starts (letter case aside), at most {@code max}. */
  static List<Suggestion> fieldNames(String text, Token token, List<String> names, int max) {
    String prefix = token.prefix().toLowerCase(Locale.ROOT);
    List<Suggestion> found = new ArrayList<>();
    for (String name : names) {
      if (found.size() == max) {
        break;
      }
      if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        found.add(replace(text, token, name, name + ":"));
      }
    }
    return found;
  }

  /**
   * Values of {@code token}'s field that its value starts (letter case aside), most frequent first
   * as given, without the one already typed in full.
   */
  static List<Suggestion> values(String text, Token token, List<String> values, int max) {
    String prefix = token.prefix().toLowerCase(Locale.ROOT);
    List<Suggestion> found = new ArrayList<>();
    for (String value : values) {
      if (found.size() == max) {
        break;
      }
      if (value.toLowerCase(Locale.ROOT).startsWith(prefix) && !value.equals(token.prefix())) {
        found.add(replace(text, token, value, token.field() + ":" + quoted(value)));
      }
    }
    return found;
  }

  static String quoted(String value) {
    return BARE.matcher(value).matches() ? value
        : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Suggestion replace(String text, Token token, String label, String with) {
    String completed = text.substring(0, token.start()) + with + text.substring(token.end());
    return new Suggestion(label, completed, token.start() + with.length());
  }

  private static boolean separates(char c) {
    return Character.isWhitespace(c) || BOUNDARY.indexOf(c) >= 0;
  }
}
