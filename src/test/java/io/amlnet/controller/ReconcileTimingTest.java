package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** amlnet never gives up on an object and never waits longer than about one resync period. */
class ReconcileTimingTest {
  static final Duration RESYNC = Duration.ofMinutes(15);

  @Test
  void theRetryHasNoAttemptLimit() {
    var execution = ReconcileTiming.retry(RESYNC).initExecution();
    IntStream.range(0, 1000).forEach(i -> assertThat(execution.nextDelay()).isPresent());
  }

  @Test
  void theBackoffDoublesFromOneSecondAndIsCappedAtTheResyncPeriod() {
    var execution = ReconcileTiming.retry(RESYNC).initExecution();
    assertThat(execution.nextDelay()).contains(1000L); // JOSDK waits the initial interval twice
    assertThat(execution.nextDelay()).contains(1000L);
    assertThat(execution.nextDelay()).contains(2000L);
    assertThat(execution.nextDelay()).contains(4000L);
    Optional<Long> last = Optional.empty();
    for (int i = 0; i < 50; i++) {
      last = execution.nextDelay();
    }
    assertThat(last).contains(RESYNC.toMillis());
  }

  @Test
  void theResyncIsJitteredByAboutTenPercent() {
    var delays = IntStream.range(0, 200).mapToObj(i -> ReconcileTiming.resync(RESYNC)).toList();
    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(810), Duration.ofSeconds(990)));
    assertThat(delays.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void aResyncShorterThanOneSecondAlsoCapsTheFirstRetry() {
    GenericRetry retry = ReconcileTiming.retry(Duration.ofMillis(300));
    assertThat(retry.initExecution().nextDelay()).contains(300L);
  }
}
