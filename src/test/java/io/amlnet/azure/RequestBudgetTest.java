package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The client-side token bucket that keeps amlnet under ARM's limits, on a clock the test moves. */
class RequestBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketLetsABurstThroughWithoutWaiting() {
    RequestBudget.TokenBucket bucket = new RequestBudget.TokenBucket(20, 1, () -> 0L);
    for (int i = 0; i < 20; i++) {
      assertThat(bucket.reserve()).isZero();
    }
  }

  @Test
  void anEmptyBucketMakesTheCallerWaitForTheRefill() {
    RequestBudget.TokenBucket bucket = new RequestBudget.TokenBucket(1, 10, () -> 0L);
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(SECOND / 10);
    assertThat(bucket.reserve()).isEqualTo(2 * SECOND / 10);
  }

  @Test
  void theBucketRefillsAtItsRateUpToItsCapacity() {
    AtomicLong now = new AtomicLong();
    RequestBudget.TokenBucket bucket = new RequestBudget.TokenBucket(2, 10, now::get);
    bucket.reserve();
    bucket.reserve();
    now.addAndGet(10 * SECOND);
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).as("capacity 2, however long it rested").isPositive();
  }
}
