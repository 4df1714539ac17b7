package io.strata.audit.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays text out on A4 pages, top to bottom: titles, headings, wrapped paragraphs, label-value
 * fields and tables whose rows wrap and whose header repeats on each page they run onto. All text
 * goes through {@link WinAnsiText}, so nothing from the trail can make a page fail.
 */
final class PdfPages {

  /** A table column: its header, its share of the page's width, and its font. */
  record Column(String header, float share, PDFont font) {}

  /** A label and its value; {@code mono} for hashes and signatures, shown in a fixed-width font. */
  record Field(String label, String value, boolean mono) {}

  static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  static final PDFont MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);

  private static final PDRectangle SIZE = PDRectangle.A4;
  private static final float MARGIN = 56;
  private static final float FOOTER = 28;
  private static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
  private static final float SIZE_BODY = 9.5f;
  private static final float SIZE_MONO = 8.5f;
  /** Tables are set a little smaller than text, so that times and action names fit a column. */
  private static final float SIZE_TABLE = 8.5f;
  private static final float LEADING = 1.35f;
  private static final float PAD = 4;
  /** A cell longer than this is cut: no row may be taller than a page. */
  private static final int MAX_CELL_LINES = 12;

  private final PDDocument document;
  private PDPageContentStream content;
  private float y;

  PdfPages(PDDocument document) {
    this.document = document;
  }

  /** Starts a new page. */
  void newPage() throws IOException {
    closeContent();
    PDPage page = new PDPage(SIZE);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = SIZE.getHeight() - MARGIN;
  }

  /** A small capitalised line above a title. */
  void kicker(String text) throws IOException {
    lines(List.of(WinAnsiText.safe(text)), BOLD, 9, 0.45f);
  }

  void title(String text) throws IOException {
    lines(wrap(text, BOLD, 22, WIDTH), BOLD, 22, 0);
    y -= 6;
  }

  /** A section heading; it moves to the next page rather than stand alone at a page's foot. */
  void heading(String text) throws IOException {
    if (y - 14 * LEADING - 4 * SIZE_BODY * LEADING < MARGIN + FOOTER) {
      newPage();
    } else {
      y -= 10;
    }
    lines(wrap(text, BOLD, 13, WIDTH), BOLD, 13, 0);
    y -= 3;
  }

  void paragraph(String text) throws IOException {
    List<String> lines = wrap(text, REGULAR, SIZE_BODY, WIDTH);
    for (String line : lines) {
      ensure(SIZE_BODY * LEADING);
      lines(List.of(line), REGULAR, SIZE_BODY, 0);
    }
    y -= 4;
  }

  /** Labels and their values, in two columns. */
  void fields(List<Field> fields) throws IOException {
    float[] widths = {WIDTH * 0.25f, WIDTH * 0.75f};
    for (Field field : fields) {
      PDFont valueFont = field.mono() ? MONO : REGULAR;
      row(widths, new PDFont[] {BOLD, valueFont}, new float[] {SIZE_BODY,
          field.mono() ? SIZE_MONO : SIZE_BODY}, new String[] {field.label(), field.value()}, false);
    }
    y -= 4;
  }

  /** A table; its header row is repeated at the top of each page it continues on. */
  void table(List<Column> columns, List<List<String>> rows) throws IOException {
    float[] widths = new float[columns.size()];
    PDFont[] fonts = new PDFont[columns.size()];
    PDFont[] headerFonts = new PDFont[columns.size()];
    float[] sizes = new float[columns.size()];
    String[] headers = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = WIDTH * columns.get(i).share();
      fonts[i] = columns.get(i).font();
      headerFonts[i] = BOLD;
      sizes[i] = fonts[i] == MONO ? SIZE_MONO : SIZE_TABLE;
      headers[i] = columns.get(i).header();
    }
    float[] headerSizes = new float[columns.size()];
    java.util.Arrays.fill(headerSizes, SIZE_TABLE);
    row(widths, headerFonts, headerSizes, headers, true);
    for (List<String> cells : rows) {
      String[] texts = cells.toArray(String[]::new);
      if (y - height(widths, fonts, sizes, texts) < MARGIN + FOOTER) {
        newPage();
        row(widths, headerFonts, headerSizes, headers, true);
      }
      row(widths, fonts, sizes, texts, false);
    }
    y -= 4;
  }

  void space(float points) {
    y -= points;
  }

  /** Ends the last page and writes {@code footer} and the page number at the foot of each. */
  void finish(String footer) throws IOException {
    closeContent();
    int count = document.getNumberOfPages();
    for (int i = 0; i < count; i++) {
      try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i),
          PDPageContentStream.AppendMode.APPEND, true, true)) {
        foot.setNonStrokingColor(0.45f);
        String left = WinAnsiText.safe(footer);
        float room = WIDTH - 70;
        while (!left.isEmpty() && width(left, REGULAR, 8) > room) {
          left = left.substring(0, left.length() - 1);
        }
        show(foot, REGULAR, 8, MARGIN, MARGIN - 16, left);
        String page = "page " + (i + 1) + " of " + count;
        show(foot, REGULAR, 8, SIZE.getWidth() - MARGIN - width(page, REGULAR, 8), MARGIN - 16,
            page);
      }
    }
  }

  private void row(float[] widths, PDFont[] fonts, float[] sizes, String[] cells, boolean header)
      throws IOException {
    float height = height(widths, fonts, sizes, cells);
    ensure(height);
    if (header) {
      content.setNonStrokingColor(0.92f);
      content.addRect(MARGIN, y - height, WIDTH, height);
      content.fill();
      content.setNonStrokingColor(0f);
    }
    float x = MARGIN;
    for (int i = 0; i < cells.length; i++) {
      float lineY = y - PAD / 2 - sizes[i];
      for (String line : cellLines(cells[i], fonts[i], sizes[i], widths[i])) {
        show(content, fonts[i], sizes[i], x + PAD, lineY, line);
        lineY -= sizes[i] * LEADING;
      }
      x += widths[i];
    }
    y -= height;
    content.setStrokingColor(0.82f);
    content.setLineWidth(0.4f);
    content.moveTo(MARGIN, y);
    content.lineTo(MARGIN + WIDTH, y);
    content.stroke();
  }

  private float height(float[] widths, PDFont[] fonts, float[] sizes, String[] cells)
      throws IOException {
    float height = 0;
    for (int i = 0; i < cells.length; i++) {
      int lines = cellLines(cells[i], fonts[i], sizes[i], widths[i]).size();
      height = Math.max(height, lines * sizes[i] * LEADING);
    }
    return height + PAD;
  }

  private static List<String> cellLines(String text, PDFont font, float size, float width)
      throws IOException {
    List<String> lines = wrap(text, font, size, width - 2 * PAD);
    if (lines.size() <= MAX_CELL_LINES) {
      return lines;
    }
    List<String> cut = new ArrayList<>(lines.subList(0, MAX_CELL_LINES));
    String last = cut.getLast();
    cut.set(MAX_CELL_LINES - 1, last.substring(0, Math.max(0, last.length() - 3)) + "...");
    return cut;
  }

  /** Moves to a new page unless {@code height} more fits on this one. */
  private void ensure(float height) throws IOException {
    if (content == null || y - height < MARGIN + FOOTER) {
      newPage();
    }
  }

  private void lines(List<String> lines, PDFont font, float size, float grey) throws IOException {
    for (String line : lines) {
      ensure(size * LEADING);
      content.setNonStrokingColor(grey);
      show(content, font, size, MARGIN, y - size, line);
      content.setNonStrokingColor(0f);
      y -= size * LEADING;
    }
  }

  private static void show(PDPageContentStream stream, PDFont font, float size, float x, float y,
      String text) throws IOException {
    stream.beginText();
    stream.setFont(font, size);
    stream.newLineAtOffset(x, y);
    stream.showText(text);
    stream.endText();
  }

  /** {@code text} made safe and broken into lines of at most {@code width} points. */
  static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : WinAnsiText.safe(text).split(" ")) {
      // A word wider than the column (a hash, a signature, a long query) is broken anywhere.
      while (width(word, font, size) > width) {
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        int fits = fitting(word, font, size, width);
        lines.add(word.substring(0, fits));
        word = word.substring(fits);
      }
      if (line.isEmpty()) {
        line.append(word);
      } else if (width(line + " " + word, font, size) <= width) {
        line.append(' ').append(word);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * How many characters of {@code word} fit in {@code width}, at least one; when a {@code . _ - /
   * ,} falls in the second half of that, the break comes after it, so that {@code
   * saved_search.create} or a key id breaks where a reader would.
   */
  private static int fitting(String word, PDFont font, float size, float width) throws IOException {
    float used = 0;
    int fits = 0;
    while (fits < word.length()) {
      int next = word.offsetByCodePoints(fits, 1);
      used += width(word.substring(fits, next), font, size);
      if (used > width && fits > 0) {
        break;
      }
      fits = next;
    }
    for (int i = fits; i >= fits / 2 && i > 0; i--) {
      if (".-_/,".indexOf(word.charAt(i - 1)) >= 0) {
        return i;
      }
    }
    return fits;
  }

  private static float width(String text, PDFont font, float size) throws IOException {
    return font.getStringWidth(text) / 1000 * size;
  }

  private void closeContent() throws IOException {
    if (content != null) {
      content.close();
      content = null;
    }
  }
}
