package io.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {

  private static final long MB = 1024 * 1024;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aSlowDownloadIsReportedAtEveryTenthThenDone() {
    List<String> lines = new ArrayList<>();
    DownloadProgress progress = new DownloadProgress("Fetching X", 170 * MB, lines::add, 0);
    for (int i = 1; i <= 170; i++) {
      progress.received(MB, i * SECOND / 2);
    }
    progress.done(85 * SECOND);
    assertThat(lines).hasSize(10);
    assertThat(lines.getFirst()).isEqualTo("Fetching X: 17 of 170 MB (10%), 8 s");
    assertThat(lines.get(8)).isEqualTo("Fetching X: 153 of 170 MB (90%), 76 s");
    assertThat(lines.getLast()).isEqualTo("Fetching X: 170 MB received in 85 s");
  }

  @Test
  void aFastDownloadSaysLittleMoreThanThatItIsDone() {
    List<String> lines = new ArrayList<>();
    DownloadProgress progress = new DownloadProgress("F", 170 * MB, lines::add, 0);
    for (int i = 1; i <= 170; i++) {
      progress.received(MB, i * SECOND / 60);
    }
    progress.done(3 * SECOND);
    assertThat(lines).containsExactly("F: 136 of 170 MB (80%), 2 s", "F: 170 MB received in 3 s");
  }

  @Test
  void largeReadsThatJumpSeveralStepsReportOnce() {
    List<String> lines = new ArrayList<>();
    DownloadProgress progress = new DownloadProgress("F", 100 * MB, lines::add, 0);
    progress.received(35 * MB, 3 * SECOND);
    progress.received(1 * MB, 6 * SECOND);
    progress.received(4 * MB, 9 * SECOND);
    assertThat(lines).containsExactly("F: 35 of 100 MB (35%), 3 s", "F: 40 of 100 MB (40%), 9 s");
  }

  @Test
  void anUnknownSizeIsReportedEvery16Mb() {
    List<String> lines = new ArrayList<>();
    DownloadProgress progress = new DownloadProgress("F", -1, lines::add, 0);
    for (int i = 1; i <= 40; i++) {
      progress.received(MB, i * SECOND);
    }
    assertThat(lines).containsExactly("F: 16 MB, 16 s", "F: 32 MB, 32 s");
  }
}
