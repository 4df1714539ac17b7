package io.strata.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailBufferTest {

  private static TailMessage.Match match(int n) {
    return new TailMessage.Match("id-" + n, "{\"n\":" + n + "}");
  }

  private static List<TailMessage> readAll(TailBuffer buffer) {
    List<TailMessage> all = new ArrayList<>();
    TailMessage next;
    while ((next = buffer.poll()) != null) {
      all.add(next);
    }
    return all;
  }

  @Test
  void keepsMatchesInOrderUpToItsCapacity() {
    TailBuffer buffer = new TailBuffer(3);
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.add(match(1))).isTrue();
    assertThat(buffer.add(match(2))).isTrue();
    assertThat(buffer.isFull()).isFalse();
    assertThat(buffer.add(match(3))).isTrue();
    assertThat(buffer.isFull()).isTrue();
    assertThat(buffer.isEmpty()).isFalse();
    assertThat(readAll(buffer)).containsExactly(match(1), match(2), match(3));
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void dropsNewerMatchesWhenFullAndReportsTheGapBeforeTheNextMatch() {
    TailBuffer buffer = new TailBuffer(2);
    buffer.add(match(1));
    buffer.add(match(2));
    assertThat(buffer.add(match(3))).isFalse();
    assertThat(buffer.add(match(4))).isFalse();
    assertThat(buffer.poll()).isEqualTo(match(1));
    // Room again: the gap is reported where it is, before the match that fits.
    assertThat(buffer.add(match(5))).isTrue();
    assertThat(readAll(buffer))
        .containsExactly(match(2), new TailMessage.Dropped(2), match(5));
  }

  @Test
  void reportsWhatWasMissedOnceTheBufferIsReadToItsEnd() {
    TailBuffer buffer = new TailBuffer(1);
    buffer.add(match(1));
    buffer.add(match(2));
    buffer.add(match(3));
    assertThat(readAll(buffer)).containsExactly(match(1), new TailMessage.Dropped(2));
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.poll()).isNull();
  }

  @Test
  void countsEventsSkippedUpstreamTogetherWithThoseItDropped() {
    TailBuffer buffer = new TailBuffer(1);
    buffer.add(match(1));
    buffer.add(match(2));
    buffer.missed(40);
    assertThat(buffer.isEmpty()).isFalse();
    buffer.add(match(3));
    assertThat(readAll(buffer)).containsExactly(match(1), new TailMessage.Dropped(42));

    buffer.missed(7);
    assertThat(readAll(buffer)).containsExactly(new TailMessage.Dropped(7));
  }

  @Test
  void aReportedGapTakesNoRoomFromMatches() {
    TailBuffer buffer = new TailBuffer(2);
    buffer.missed(5);
    assertThat(buffer.add(match(1))).isTrue();
    assertThat(buffer.add(match(2))).isTrue();
    assertThat(buffer.add(match(3))).isFalse();
    assertThat(readAll(buffer)).containsExactly(new TailMessage.Dropped(5), match(1), match(2),
        new TailMessage.Dropped(1));
  }

  @Test
  void droppedIsOneLineOfJson() {
    assertThat(new TailMessage.Dropped(12).json()).isEqualTo("{\"missed\":12}");
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new TailBuffer(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
