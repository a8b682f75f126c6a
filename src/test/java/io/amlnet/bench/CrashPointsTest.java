package io.amlnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the crash benchmark kills the operator: after every write, or a few spread over the apply. */
class CrashPointsTest {

  @Test
  void everyWriteWhenNoNumberIsGiven() {
    assertThat(Crash.crashPoints(5, 0)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aFewPointsIncludeTheFirstAndTheLastWrite() {
    assertThat(Crash.crashPoints(5, 3)).containsExactly(1, 3, 5);
  }

  @Test
  void moreRequestedPointsThanWritesAreEveryWrite() {
    assertThat(Crash.crashPoints(2, 3)).containsExactly(1, 2);
  }
}
