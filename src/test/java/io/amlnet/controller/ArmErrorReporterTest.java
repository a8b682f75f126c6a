package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmErrors.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a Stalled object is looked at again. */
class ArmErrorReporterTest {
  static final Duration RESYNC = Duration.ofMinutes(15);

  @Test
  void aMissingPermissionIsLookedAtAgainWithinAMinute() {
    assertThat(ArmErrorReporter.recheckAfter(Action.RETRY_LATER, RESYNC)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anyOtherStallIsLookedAtAgainAtTheResyncWithItsJitter() {
    assertThat(ArmErrorReporter.recheckAfter(Action.STALL, RESYNC))
        .isBetween(Duration.ofSeconds(810), Duration.ofSeconds(990));
  }

  @Test
  void aResyncShorterThanTheRecheckWins() {
    assertThat(ArmErrorReporter.recheckAfter(Action.RETRY_LATER, Duration.ofSeconds(10)))
        .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
  }
}
