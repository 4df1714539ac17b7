package io.strata.audit.report;

import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Makes text showable in the standard 14 fonts, which only have the glyphs of WinAnsiEncoding:
 * whitespace and control characters become a space and any other character they cannot show a
 * question mark, so that text from the trail (queries, user agents, names in any script) never
 * makes the PDF fail.
 */
final class WinAnsiText {

  private static final GlyphList GLYPHS = GlyphList.getAdobeGlyphList();

  private WinAnsiText() {}

  /** {@code text} with every character the fonts cannot show replaced; "" for null. */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        safe.append(' ');
      } else if (showable(c)) {
        safe.appendCodePoint(c);
      } else {
        safe.append('?');
      }
    });
    return safe.toString();
  }

  private static boolean showable(int codePoint) {
    if (codePoint >= 0x20 && codePoint < 0x7f) {
      return true;
    }
    String name = GLYPHS.codePointToName(codePoint);
    return name != null && !".notdef".equals(name) && WinAnsiEncoding.INSTANCE.contains(name);
  }
}
