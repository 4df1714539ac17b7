package io.strata.ingest.syslog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramerTest {

  private final List<String> messages = new ArrayList<>();
  private final List<Long> oversize = new ArrayList<>();
  private final SyslogFramer framer = new SyslogFramer(32, new SyslogFramer.Frames() {
    @Override
    public void message(byte[] buf, int off, int len) {
      messages.add(new String(buf, off, len, UTF_8));
    }

    @Override
    public void oversize(long length) {
      oversize.add(length);
    }
  });

  private void feed(String s) {
    byte[] bytes = s.getBytes(UTF_8);
    framer.feed(bytes, 0, bytes.length);
  }

  @Test
  void cutsOctetCountedFramesWhateverTheyContain() {
    feed("11 <13>a\nb c d5 <13>e");
    assertThat(messages).containsExactly("<13>a\nb c d", "<13>e");
  }

  @Test
  void cutsNewlineFramesAndSkipsEmptyLines() {
    feed("<13>one\r\n\n<13>two\n");
    assertThat(messages).containsExactly("<13>one\r", "<13>two");
  }

  @Test
  void mixesBothFramingsOnOneStream() {
    feed("<13>line\n6 <13>oc<13>next\n");
    assertThat(messages).containsExactly("<13>line", "<13>oc", "<13>next");
  }

  @Test
  void joinsFramesSplitAcrossReadsByteByByte() {
    for (byte b : "9 <13>hello<13>wor".getBytes(UTF_8)) {
      framer.feed(new byte[] {b}, 0, 1);
    }
    feed("ld\n");
    assertThat(messages).containsExactly("<13>hello", "<13>world");
  }

  @Test
  void skipsAnOversizeOctetCountedFrameAndKeepsItsNeighbours() {
    feed("5 <13>a40 " + "x".repeat(40) + "5 <13>b");
    assertThat(messages).containsExactly("<13>a", "<13>b");
    assertThat(oversize).containsExactly(40L);
  }

  @Test
  void skipsAnOversizeLineAndKeepsItsNeighbours() {
    feed("<13>a\n<13>" + "y".repeat(20));
    feed("y".repeat(20) + "\n<13>b\n");
    assertThat(messages).containsExactly("<13>a", "<13>b");
    assertThat(oversize).hasSize(1);
  }

  @Test
  void readsDigitsWithoutASpaceAsTheStartOfALine() {
    feed("2024-01-01 no pri\n<13>ok\n");
    assertThat(messages).containsExactly("2024-01-01 no pri", "<13>ok");
  }

  @Test
  void deliversALastLineWithoutNewlineAtTheEndOfTheStreamButNotATruncatedFrame() {
    feed("<13>last");
    framer.finish();
    feed("10 <13>cut");
    framer.finish();
    assertThat(messages).containsExactly("<13>last");
  }

  /** What the connection's frame timeout watches: whether a frame is open, and frames ending. */
  @Test
  void tellsWhetherAFrameIsOpenAndCountsTheFramesThatEnded() {
    assertThat(framer.inFrame()).isFalse();
    feed("\r\n");
    assertThat(framer.inFrame()).isFalse();
    feed("<13>par");
    assertThat(framer.inFrame()).isTrue();
    feed("t\n5 <13>a12");
    assertThat(framer.completedFrames()).isEqualTo(2);
    assertThat(framer.inFrame()).isTrue();
    feed(" ");
    assertThat(framer.inFrame()).isTrue();
    feed("x".repeat(12) + "40 " + "y".repeat(10));
    assertThat(framer.completedFrames()).isEqualTo(3);
    assertThat(framer.inFrame()).as("skipping an oversize frame is still a frame").isTrue();
    feed("y".repeat(30) + "0 ");
    assertThat(framer.completedFrames()).isEqualTo(5);
    assertThat(framer.inFrame()).isFalse();
  }
}
