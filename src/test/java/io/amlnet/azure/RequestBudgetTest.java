package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client-side token bucket that keeps amlnet under ARM's limits. */
class RequestBudgetTest {

  @Test
  void aFullBucketLetsABurstThroughAtOnce() {
    RequestBudget.TokenBucket bucket = new RequestBudget.TokenBucket(20, 1);
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      bucket.take();
    }
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void anEmptyBucketMakesTheCallerWaitForTheRefill() {
    RequestBudget.TokenBucket bucket = new RequestBudget.TokenBucket(1, 20);
    bucket.take();
    long start = System.nanoTime();
    bucket.take();
    bucket.take();
    // Two tokens at 20/s cannot come sooner than ~100 ms; no upper bound, so a slow machine cannot flake it.
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(90_000_000L);
  }
}
