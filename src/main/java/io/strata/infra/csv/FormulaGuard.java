package io.strata.infra.csv;

import java.text.Normalizer;

/**
 * Defuses CSV cells that a spreadsheet would run as a formula (CSV injection, as OWASP describes
 * it): exports are opened in spreadsheets by auditors, and log lines, field names and even the
 * {@code fields} of a shared export link are attacker-controlled.
 *
 * <p>A spreadsheet may start a formula at more places than the first character of a cell:
 *
 * <ul>
 *   <li>after leading whitespace or quotes, which some importers trim ({@code " =1+1"});
 *   <li>after a {@code ;} or {@code ,} inside the cell: a spreadsheet whose locale separates cells
 *       with {@code ;} reads our {@code ,}-separated quoting wrongly and splits the cell there, and
 *       one that sniffs the separator may split on either; likewise after a tab (tab-separated
 *       sniffing) and a line break (a misread quote turns it into a new row);
 *   <li>with the fullwidth forms {@code ＝ ＋ － ＠} (U+FF1D, U+FF0B, U+FF0D, U+FF20), which
 *       East Asian input and some spreadsheets fold to {@code = + - @}; any character whose
 *       compatibility form (NFKC) is a formula character counts, e.g. the small form {@code ﹦}.
 * </ul>
 *
 * So every such start whose next character (after spaces and quotes) is {@code = + - @}, or a tab,
 * CR or LF at the very start of the cell, gets a single quote in front: the cell itself is prefixed,
 * and a start inside the cell gets the quote right after its separator, so whatever part a
 * spreadsheet makes a cell of begins with {@code '} and is text. The caller quotes guarded cells.
 *
 * <p>Decided: a {@code -} or {@code +} that starts a plain decimal number up to the next separator
 * ({@code -5}, {@code +1.5e3}, the {@code -2} of {@code "1, -2, 3"}) is not prefixed, although
 * OWASP's list would prefix it: a cell that is only a number is read as that number and can run
 * nothing, while {@code '-5} would turn legitimate negative values into text (and change log lines
 * that list numbers). Anything more after the number ({@code -2+3}, {@code -1+cmd|...}) is guarded.
 */
final class FormulaGuard {

  private FormulaGuard() {}

  /** {@code text} with a {@code '} before every place a formula could start; itself if none. */
  static String defuse(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i <= text.length(); i++) {
      boolean segmentStart = i == 0 || isSeparator(text.charAt(i - 1));
      if (segmentStart && startsFormula(text, i, i == 0)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8);
        }
        out.append(text, copied, i).append('\'');
        copied = i;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean startsFormula(String text, int start, boolean cellStart) {
    if (start >= text.length()) {
      return false;
    }
    char first = text.charAt(start);
    if (cellStart && (first == '\t' || first == '\r' || first == '\n')) {
      return true;
    }
    int i = start;
    while (i < text.length() && isSkipped(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return false;
    }
    char c = text.charAt(i);
    if (c == '=' || c == '@') {
      return true;
    }
    if (c == '+' || c == '-') {
      return !isPlainNumber(text, i);
    }
    return c >= 0x80 && isFormulaCharacterWhenFolded(c);
  }

  /** Whitespace (also no-break and ideographic spaces) and quotes that an importer may drop. */
  private static boolean isSkipped(char c) {
    return c == ' ' || c == '"' || (!isSeparator(c) && (Character.isWhitespace(c)
        || Character.isSpaceChar(c)));
  }

  private static boolean isFormulaCharacterWhenFolded(char c) {
    String folded = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
    return !folded.isEmpty() && "=+-@".indexOf(folded.charAt(0)) >= 0;
  }

  /** A sign, digits, an optional fraction and exponent, then only spaces to a separator or the end. */
  private static boolean isPlainNumber(String text, int sign) {
    int i = sign + 1;
    int digits = skipDigits(text, i);
    if (digits == i) {
      return false;
    }
    i = digits;
    if (i < text.length() && text.charAt(i) == '.') {
      int fraction = skipDigits(text, i + 1);
      if (fraction == i + 1) {
        return false;
      }
      i = fraction;
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      int exponent = skipDigits(text, j);
      if (exponent == j) {
        return false;
      }
      i = exponent;
    }
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i == text.length() || isSeparator(text.charAt(i));
  }

  private static int skipDigits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
