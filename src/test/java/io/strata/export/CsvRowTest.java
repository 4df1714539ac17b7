package io.strata.export;

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
        .isEqualTo("'=1+2,'+x,'-rm,'@SUM(A1),'\tx,-5\r\n");
  }

  @Test
  void headerIsTheColumnsAsGiven() {
    assertThat(csv.header(List.of("@timestamp", "a,b"))).isEqualTo("@timestamp,\"a,b\"\r\n");
  }
}
