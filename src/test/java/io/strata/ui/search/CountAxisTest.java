package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountAxisTest {

  @Test
  void theTopIsRound() {
    assertThat(CountAxis.top(0)).isEqualTo(1);
    assertThat(CountAxis.top(1)).isEqualTo(1);
    assertThat(CountAxis.top(3)).isEqualTo(5);
    assertThat(CountAxis.top(7)).isEqualTo(10);
    assertThat(CountAxis.top(120)).isEqualTo(200);
    assertThat(CountAxis.top(500)).isEqualTo(500);
    assertThat(CountAxis.top(501)).isEqualTo(1000);
  }

  @Test
  void theMiddleIsLabelledWhenWhole() {
    assertThat(CountAxis.ticks(1)).containsExactly(0L, 1L);
    assertThat(CountAxis.ticks(5)).containsExactly(0L, 5L);
    assertThat(CountAxis.ticks(200)).containsExactly(0L, 100L, 200L);
  }

  @Test
  void largeCountsAreShort() {
    assertThat(CountAxis.label(950)).isEqualTo("950");
    assertThat(CountAxis.label(1_500)).isEqualTo("1.5k");
    assertThat(CountAxis.label(2_000)).isEqualTo("2k");
    assertThat(CountAxis.label(20_000)).isEqualTo("20k");
    assertThat(CountAxis.label(5_000_000)).isEqualTo("5M");
  }
}
