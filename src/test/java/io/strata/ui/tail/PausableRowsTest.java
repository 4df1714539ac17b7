package io.strata.ui.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PausableRowsTest {

  private static Map<String, Object> event(int n) {
    return Map.of("message", "e" + n);
  }

  private static List<Object> messages(PausableRows rows) {
    return rows.shown().stream().map(e -> e.get("message")).toList();
  }

  @Test
  void showsNewestFirstUpToTheLimit() {
    PausableRows rows = new PausableRows(3);
    for (int i = 1; i <= 5; i++) {
      assertThat(rows.add(event(i))).isTrue();
    }
    assertThat(messages(rows)).containsExactly("e5", "e4", "e3");
  }

  @Test
  void holdsWhatArrivesWhilePausedAndShowsItOnResume() {
    PausableRows rows = new PausableRows(10);
    rows.add(event(1));
    rows.pause();
    assertThat(rows.add(event(2))).isFalse();
    assertThat(rows.add(event(3))).isFalse();
    assertThat(messages(rows)).containsExactly("e1");
    rows.resume();
    assertThat(messages(rows)).containsExactly("e3", "e2", "e1");
    assertThat(rows.add(event(4))).isTrue();
  }

  @Test
  void keepsOnlyTheNewestHeldThatCouldBeShown() {
    PausableRows rows = new PausableRows(2);
    rows.add(event(1));
    rows.pause();
    for (int i = 2; i <= 6; i++) {
      rows.add(event(i));
    }
    rows.resume();
    assertThat(messages(rows)).containsExactly("e6", "e5");
  }
}
