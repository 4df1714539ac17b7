package io.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadRetriesTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private final UploadRetries retries =
      new UploadRetries(Duration.ofMinutes(1), Duration.ofMinutes(15));

  @Test
  void anUploadThatNeverFailedIsDue() {
    assertThat(retries.isDue("acme/2026-12-01/default@7", T0)).isTrue();
    assertThat(retries.failures("acme/2026-12-01/default@7")).isZero();
  }

  @Test
  void eachFailureInARowDoublesTheWaitUpToTheLongest() {
    String upload = "acme/2026-12-01/default@7";
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(4));
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(8));
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(15));
    for (int i = 0; i < 100; i++) {
      assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(15));
    }
    assertThat(retries.failures(upload)).isEqualTo(105);
  }

  @Test
  void aFailedUploadWaitsUntilItsTimeAndNoLonger() {
    String upload = "acme/2026-12-01/default@7";
    retries.failed(upload, T0);
    retries.failed(upload, T0.plusSeconds(60));
    assertThat(retries.isDue(upload, T0.plusSeconds(60 + 119))).isFalse();
    assertThat(retries.isDue(upload, T0.plusSeconds(60 + 120))).isTrue();
    assertThat(retries.isDue("acme/2026-12-02/default@3", T0)).as("others are not held up")
        .isTrue();
  }

  @Test
  void anUploadThatLandedStartsAfreshWhenItFailsAgain() {
    String upload = "acme/2026-12-01/default@7";
    retries.failed(upload, T0);
    retries.failed(upload, T0);
    retries.succeeded(upload);
    assertThat(retries.isDue(upload, T0)).isTrue();
    assertThat(retries.failed(upload, T0)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void uploadsNoLongerPendingAreForgotten() {
    retries.failed("acme/2026-12-01/default@7", T0);
    retries.failed("acme/2026-12-02/default@3", T0);
    // Sealed again at commit 9: the failures of commit 7 say nothing about it.
    retries.retainOnly(Set.of("acme/2026-12-01/default@9", "acme/2026-12-02/default@3"));
    assertThat(retries.failures("acme/2026-12-01/default@7")).isZero();
    assertThat(retries.failures("acme/2026-12-02/default@3")).isEqualTo(1);
  }

  @Test
  void aLongestWaitShorterThanTheFirstIsRefused() {
    assertThatThrownBy(() -> new UploadRetries(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UploadRetries(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
