package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
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

  @Test
  void readsWritesAndDeletesEachTakeFromTheirOwnBucketAsArmCountsThem() {
    assertThat(RequestBudget.kind(HttpMethod.GET)).isEqualTo("read");
    assertThat(RequestBudget.kind(HttpMethod.HEAD)).isEqualTo("read");
    assertThat(RequestBudget.kind(HttpMethod.PUT)).isEqualTo("write");
    assertThat(RequestBudget.kind(HttpMethod.PATCH)).isEqualTo("write");
    assertThat(RequestBudget.kind(HttpMethod.POST)).isEqualTo("write");
    assertThat(RequestBudget.kind(HttpMethod.DELETE)).isEqualTo("delete");
  }

  @Test
  void theDefaultBudgetIsNinetyFivePercentOfArmsPublishedLimits() {
    RequestBudget.Limits limits = RequestBudget.Limits.DEFAULT;
    assertThat(limits.reads()).isEqualTo(new RequestBudget.Bucket(237, 23.75));
    assertThat(limits.writes()).isEqualTo(new RequestBudget.Bucket(190, 9.5));
    assertThat(limits.deletes()).isEqualTo(new RequestBudget.Bucket(190, 9.5));
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> RequestBudget.Limits.ARM.share(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestBudget.Limits.ARM.share(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestBudget.Limits.ARM.share(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
