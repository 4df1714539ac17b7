package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.search.event.ContextResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurroundingLinesTest {

  /** A source's lines l0..l{n-1}, answered as the context service does: oldest first each side. */
  private static SurroundingLines.Context source(int n, List<String> asked) {
    return (id, before, after) -> {
      asked.add(id + " " + before + " " + after);
      int at = Integer.parseInt(id.substring(1));
      List<Map<String, Object>> older = new ArrayList<>();
      for (int i = Math.max(0, at - before); i < at; i++) {
        older.add(Map.of("_id", "l" + i));
      }
      List<Map<String, Object>> newer = new ArrayList<>();
      for (int i = at + 1; i <= Math.min(n - 1, at + after); i++) {
        newer.add(Map.of("_id", "l" + i));
      }
      return new ContextResponse(older, Map.of("_id", id), newer);
    };
  }

  private static List<Object> ids(SurroundingLines lines) {
    return lines.lines().stream().map(e -> e.get("_id")).toList();
  }

  @Test
  void opensOnTheEventWithAPageEitherSide() {
    SurroundingLines lines = new SurroundingLines(source(100, new ArrayList<>()), "l50", 3);
    assertThat(ids(lines)).containsExactly("l47", "l48", "l49", "l50", "l51", "l52", "l53");
    assertThat(lines.eventIndex()).isEqualTo(3);
    assertThat(lines.olderLeft()).isTrue();
    assertThat(lines.newerLeft()).isTrue();
  }

  @Test
  void pagesOlderFromTheOldestHeldUntilTheSourceBegins() {
    List<String> asked = new ArrayList<>();
    SurroundingLines lines = new SurroundingLines(source(100, asked), "l5", 3);
    assertThat(lines.loadOlder()).isEqualTo(2);
    assertThat(asked).last().isEqualTo("l2 3 0");
    assertThat(ids(lines)).startsWith("l0", "l1", "l2", "l3", "l4", "l5");
    assertThat(lines.eventIndex()).isEqualTo(5);
    assertThat(lines.olderLeft()).isFalse();
    assertThat(lines.loadOlder()).isZero();
  }

  @Test
  void pagesNewerFromTheNewestHeld() {
    List<String> asked = new ArrayList<>();
    SurroundingLines lines = new SurroundingLines(source(10, asked), "l2", 3);
    assertThat(lines.loadNewer()).isEqualTo(3);
    assertThat(asked).last().isEqualTo("l5 0 3");
    assertThat(ids(lines)).endsWith("l6", "l7", "l8");
    assertThat(lines.loadNewer()).isEqualTo(1);
    assertThat(lines.newerLeft()).isFalse();
  }

  @Test
  void aShortFirstPageLeavesNothingToLoad() {
    SurroundingLines lines = new SurroundingLines(source(3, new ArrayList<>()), "l1", 25);
    assertThat(ids(lines)).containsExactly("l0", "l1", "l2");
    assertThat(lines.olderLeft()).isFalse();
    assertThat(lines.newerLeft()).isFalse();
  }
}
