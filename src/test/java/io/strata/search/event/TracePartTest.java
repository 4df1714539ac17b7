package io.strata.search.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracePartTest {

  /** A node's part: events named by their position, oldest first as a node answers. */
  private static TracePart part(long total, long... timesAndSeqs) {
    List<Map<String, Object>> events = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    for (int i = 0; i < timesAndSeqs.length; i += 2) {
      events.add(Map.of("id", timesAndSeqs[i] + "/" + timesAndSeqs[i + 1]));
      positions.add(new long[] {timesAndSeqs[i], timesAndSeqs[i + 1]});
    }
    return TracePart.of(events, positions, total,
        timesAndSeqs.length == 0 ? Long.MAX_VALUE : timesAndSeqs[0],
        timesAndSeqs.length == 0 ? Long.MIN_VALUE : timesAndSeqs[timesAndSeqs.length - 2]);
  }

  @Test
  void nodesEventsInterleaveOldestFirstOnceEach() {
    TracePart merged = TracePart.merge(List.of(part(3, 10, 1, 30, 2, 30, 5),
        part(3, 20, 3, 30, 5, 40, 4), part(0)), 10);
    assertThat(merged.events()).extracting(e -> e.get("id"))
        .containsExactly("10/1", "20/3", "30/2", "30/5", "40/4");
    assertThat(merged.total()).isEqualTo(6);
    assertThat(merged.first()).isEqualTo(10);
    assertThat(merged.last()).isEqualTo(40);
  }

  @Test
  void theLimitKeepsTheOldest() {
    TracePart merged = TracePart.merge(List.of(part(2, 10, 1, 30, 2), part(1, 20, 3)), 2);
    assertThat(merged.events()).extracting(e -> e.get("id")).containsExactly("10/1", "20/3");
    assertThat(merged.total()).isEqualTo(3);
  }
}
