package io.amlnet.controller;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When amlnet looks at an object again. It never gives up: an error is retried with exponential
 * backoff and no attempt limit, the backoff never exceeds the resync period, and whatever happened
 * the object is reconciled again within about one resync period.
 */
final class ReconcileTiming {
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final double BACKOFF_MULTIPLIER = 2;
  /** ±10%: objects created together (an `apply` of many) do not all resync in the same second. */
  static final double JITTER = 0.10;

  private ReconcileTiming() {}

  /** JOSDK's retry for exceptions out of reconcile and cleanup: 1 s, 2 s, 4 s... capped at the resync period. */
  static GenericRetry retry(Duration resync) {
    Duration first = FIRST_RETRY.compareTo(resync) < 0 ? FIRST_RETRY : resync;
    return new GenericRetry().withoutMaxAttempts().setInitialInterval(first)
        .setIntervalMultiplier(BACKOFF_MULTIPLIER).setMaxInterval(resync.toMillis());
  }

  /**
   * The resync period with jitter, for the rescheduleAfter of every outcome. JOSDK's own
   * maxReconciliationInterval (set to the plain resync period as a backstop) has no jitter.
   */
  static Duration resync(Duration period) {
    double factor = 1 - JITTER + 2 * JITTER * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(period.toMillis() * factor)));
  }
}
