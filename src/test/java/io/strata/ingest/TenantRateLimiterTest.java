package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantRateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFreshTenantMayBurstTwoSecondsWorth() {
    TenantRateLimiter.Bucket bucket = new TenantRateLimiter.Bucket();
    assertThat(bucket.secondsToWait(100, 0)).isZero();
    bucket.take(100, 150, 0);
    assertThat(bucket.secondsToWait(100, 0)).isZero();
    bucket.take(100, 150, 0);
    assertThat(bucket.secondsToWait(100, 0)).isEqualTo(1);
  }

  @Test
  void aLargeBatchPassesAndTheDebtIsPaidBackOverTime() {
    TenantRateLimiter.Bucket bucket = new TenantRateLimiter.Bucket();
    bucket.take(100, 700, 0); // 200 in the bucket, 500 of debt
    assertThat(bucket.secondsToWait(100, 0)).isEqualTo(5);
    assertThat(bucket.secondsToWait(100, 4 * SECOND)).isEqualTo(1);
    assertThat(bucket.secondsToWait(100, 5 * SECOND + 1)).isZero();
  }

  @Test
  void idleTimeRefillsOnlyUpToTheBurst() {
    TenantRateLimiter.Bucket bucket = new TenantRateLimiter.Bucket();
    bucket.take(100, 200, 0);
    bucket.take(100, 250, 3600 * SECOND); // an hour later the bucket holds 200, not 360,000
    assertThat(bucket.secondsToWait(100, 3600 * SECOND)).isEqualTo(1);
  }

  @Test
  void noLimitNeverWaits() {
    TenantRateLimiter limiter = new TenantRateLimiter();
    limiter.take("acme", 0, 1_000_000);
    assertThat(limiter.secondsToWait("acme", 0)).isZero();
  }
}
