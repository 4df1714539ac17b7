package io.strata.infra.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowTest {

  private final CsvRow csv = new CsvRow(new ObjectMapper());

  @Test
  void quotesOnlyWhatNeedsIt() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("a", "plain");
    event.put("b", "with, comma");
    event.put("c", "say \"hi\"");
    event.put("d", "two\nlines");
    event.put("n", 42L);
    event.put("f", 0.5);
    event.put("t", true);
    assertThat(csv.row(event, List.of("a", "b", "c", "d", "n", "f", "t", "absent")))
        .isEqualTo("plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",42,0.5,true,\r\n");
  }

  @Test
  void listsAndObjectsBecomeJson() {
    Map<String, Object> event = Map.of("tags", List.of("a", "b"), "obj", Map.of("k", 1));
    assertThat(csv.row(event, List.of("tags", "obj")))
        .isEqualTo("\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\"\r\n");
  }

  @Test
  void textThatASpreadsheetWouldRunIsDefused() {
    Map<String, Object> event = Map.of("a", "=1+2", "b", "+x", "c", "-rm", "d", "@SUM(A1)",
        "e", "\tx", "n", -5L);
    assertThat(csv.row(event, List.of("a", "b", "c", "d", "e", "n")))
        .isEqualTo("\"'=1+2\",\"'+x\",\"'-rm\",\"'@SUM(A1)\",\"'\tx\",-5\r\n");
  }

  @Test
  void theHeaderIsGuardedLikeEveryCell() {
    assertThat(csv.header(List.of("@timestamp", "a,b", "=HYPERLINK(\"http://x\")", "level")))
        .isEqualTo("\"'@timestamp\",\"a,b\",\"'=HYPERLINK(\"\"http://x\"\")\",level\r\n");
  }

  @Test
  void aFormulaAfterASemicolonOrCommaInsideTheCellIsGuardedWhereItStarts() {
    assertThat(cell("x;=1+1")).isEqualTo("\"x;'=1+1\"");
    assertThat(cell("x,=1+1")).isEqualTo("\"x,'=1+1\"");
    assertThat(cell("a; @SUM(A1)")).isEqualTo("\"a;' @SUM(A1)\"");
    assertThat(cell("a;\"=cmd|' /C calc'!A0\"")).isEqualTo("\"a;'\"\"=cmd|' /C calc'!A0\"\"\"");
    assertThat(cell("a\tb\t+1+1")).isEqualTo("\"a\tb\t'+1+1\"");
    assertThat(cell("line one\n=2*3")).isEqualTo("\"line one\n'=2*3\"");
    assertThat(cell("=1;=2")).isEqualTo("\"'=1;'=2\"");
  }

  @Test
  void fullwidthAndOtherFoldedFormulaCharactersAreGuarded() {
    assertThat(cell("\uff1d1+1")).isEqualTo("\"'\uff1d1+1\"");
    assertThat(cell("\uff0bcmd")).isEqualTo("\"'\uff0bcmd\"");
    assertThat(cell("\uff0dcmd")).isEqualTo("\"'\uff0dcmd\"");
    assertThat(cell("\uff20SUM(A1)")).isEqualTo("\"'\uff20SUM(A1)\"");
    assertThat(cell("\ufe661+1")).isEqualTo("\"'\ufe661+1\"");
    assertThat(cell("ok;\uff1d1")).isEqualTo("\"ok;'\uff1d1\"");
  }

  @Test
  void leadingWhitespaceOrQuotesBeforeTheFormulaCharacterDoNotHideIt() {
    assertThat(cell(" =1+1")).isEqualTo("\"' =1+1\"");
    assertThat(cell("\u00a0\u3000=1+1")).isEqualTo("\"'\u00a0\u3000=1+1\"");
    assertThat(cell("\t=1+1")).isEqualTo("\"'\t'=1+1\"");
    assertThat(cell("\r=1+1")).isEqualTo("\"'\r'=1+1\"");
    assertThat(cell("\n=1+1")).isEqualTo("\"'\n'=1+1\"");
    assertThat(cell("\"=1+1\"")).isEqualTo("\"'\"\"=1+1\"\"\"");
  }

  @Test
  void plainNumbersStayNumbersButAnythingAfterThemIsGuarded() {
    assertThat(cell("-5")).isEqualTo("-5");
    assertThat(cell("+1.5e3")).isEqualTo("+1.5e3");
    assertThat(cell("values 1, -2, 3")).isEqualTo("\"values 1, -2, 3\"");
    assertThat(cell("-2+3")).isEqualTo("\"'-2+3\"");
    assertThat(cell("-1+cmd|' /C calc'!A0")).isEqualTo("\"'-1+cmd|' /C calc'!A0\"");
    assertThat(cell("-")).isEqualTo("\"'-\"");
    assertThat(cell("-5;=1")).isEqualTo("\"-5;'=1\"");
    assertThat(cell("x -1")).isEqualTo("x -1");
  }

  @Test
  void listsAndObjectsAreGuardedAsTheirJson() {
    Map<String, Object> event = Map.of("tags", List.of("ok", "=1+1"));
    assertThat(csv.row(event, List.of("tags")))
        .isEqualTo("\"[\"\"ok\"\",'\"\"=1+1\"\"]\"\r\n");
  }

  private String cell(String text) {
    String row = csv.row(Map.of("c", text), List.of("c"));
    return row.substring(0, row.length() - 2);
  }
}
